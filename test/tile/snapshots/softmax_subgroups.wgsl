enable subgroups;

struct Params {
  rows: i32,
  n: i32,
  off_x: i32,
  off_out: i32,
}

@group(0) @binding(0) var<storage, read> t_x: array<f32>;

@group(0) @binding(1) var<storage, read_write> t_out: array<f32>;

@group(0) @binding(2) var<uniform> params: Params;

var<workgroup> red_f32: array<f32, 256>;

var<workgroup> sg_seen: atomic<u32>;

fn f32_special(bits: u32) -> f32 {
  var b = bits;
  return bitcast<f32>(b);
}

@compute @workgroup_size(256)
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>,
        @builtin(local_invocation_index) lidx: u32,
        @builtin(subgroup_size) sg_size: u32, @builtin(subgroup_invocation_id) sg_lane: u32) {
  let lid = i32(lidx);
  let tx = lid % 256i;
  let ty = lid / 256i;
  let g0 = ((params.rows + 1i) - 1i);
  let blk = i32(wid.x + wid.y * nwg.x);
  if (blk >= g0) {
    return;
  }
  let sg_first = lidx - sg_lane;
  let sg_first_min = subgroupMin(sg_first);
  let sg_first_max = subgroupMax(sg_first);
  let sg_aligned = sg_lane == lidx % sg_size && sg_first_min == sg_first_max;
  atomicOr(&sg_seen, select(0x80000000u, sg_size, sg_aligned));
  let sg_sizes = workgroupUniformLoad(&sg_seen);
  let sg_lanes = select(1i, i32(sg_sizes), countOneBits(sg_sizes) == 1u && sg_sizes < 0x80000000u);
  var rest = blk;
  let bx_2 = rest;
  var xFrag: array<f32, 4>;
  var mFrag: array<f32, 1>;
  var sFrag: array<f32, 1>;
  var cFrag: array<f32, 1>;
  for (var q_c1 = 0i; q_c1 < 1i; q_c1++) {
    mFrag[q_c1] = f32_special(0xff800000u);
  }
  for (var q_c2 = 0i; q_c2 < 1i; q_c2++) {
    sFrag[q_c2] = 0f;
  }
  for (var t_7 = 0i; t_7 < (((params.n + 1024i) - 1i) / 1024i); t_7++) {
    for (var a_c3 = 0i; a_c3 < 1i; a_c3++) {
      for (var b_c4 = 0i; b_c4 < 4i; b_c4++) {
        let r_c5 = ty + a_c3 * 1i;
        let c_c6 = tx + b_c4 * 256i;
        xFrag[a_c3 * 4i + b_c4] = select(f32_special(0xff800000u), t_x[params.off_x + (((bx_2 + r_c5) * params.n) + ((t_7 * 1024i) + c_c6))], ((((bx_2 + r_c5) >= 0i) && ((bx_2 + r_c5) < params.rows)) && ((((t_7 * 1024i) + c_c6) >= 0i) && (((t_7 * 1024i) + c_c6) < params.n))));
      }
    }
    for (var o_c7 = 0i; o_c7 < 1i; o_c7++) {
      var part_c10 = f32_special(0xff800000u);
      for (var q_c8 = 0i; q_c8 < 4i; q_c8++) {
        if (tx + q_c8 * 256i < 1024i) { part_c10 = max(part_c10, xFrag[o_c7 * 4i + q_c8]); }
      }
      let within_c11 = clamp(sg_lanes, 1i, 256i);
      for (var m_c12 = 1i; m_c12 < within_c11; m_c12 = m_c12 * 2i) {
        part_c10 = max(part_c10, subgroupShuffleXor(part_c10, u32(m_c12)));
      }
      if (within_c11 < 256i) {
        red_f32[lid] = part_c10;
        workgroupBarrier();
        for (var st_c9 = 128i; st_c9 >= within_c11; st_c9 = st_c9 / 2i) {
          if (tx < st_c9) {
            red_f32[lid] = max(red_f32[lid], red_f32[lid + st_c9 * 1i]);
          }
          workgroupBarrier();
        }
        part_c10 = red_f32[ty * 256i];
        workgroupBarrier();
      }
      cFrag[o_c7] = part_c10;
    }
    for (var a_c13 = 0i; a_c13 < 1i; a_c13++) {
      for (var b_c14 = 0i; b_c14 < 1i; b_c14++) {
        let r_c15 = ty + a_c13 * 1i;
        let c_c16 = 0i;
        let i_8 = r_c15;
        sFrag[a_c13] = (sFrag[a_c13] * select(exp((mFrag[a_c13] - max(mFrag[a_c13], cFrag[a_c13]))), 0f, (mFrag[a_c13] == f32_special(0xff800000u))));
        mFrag[a_c13] = max(mFrag[a_c13], cFrag[a_c13]);
      }
    }
    for (var a_c17 = 0i; a_c17 < 1i; a_c17++) {
      for (var b_c18 = 0i; b_c18 < 4i; b_c18++) {
        let r_c19 = ty + a_c17 * 1i;
        let c_c20 = tx + b_c18 * 256i;
        let i_9 = r_c19;
        let j_10 = c_c20;
        xFrag[a_c17 * 4 + b_c18] = select(exp((xFrag[a_c17 * 4 + b_c18] - mFrag[a_c17])), 0f, (xFrag[a_c17 * 4 + b_c18] == f32_special(0xff800000u)));
      }
    }
    for (var o_c21 = 0i; o_c21 < 1i; o_c21++) {
      var part_c24 = 0f;
      for (var q_c22 = 0i; q_c22 < 4i; q_c22++) {
        if (tx + q_c22 * 256i < 1024i) { part_c24 = (part_c24 + xFrag[o_c21 * 4i + q_c22]); }
      }
      let within_c25 = clamp(sg_lanes, 1i, 256i);
      for (var m_c26 = 1i; m_c26 < within_c25; m_c26 = m_c26 * 2i) {
        part_c24 = (part_c24 + subgroupShuffleXor(part_c24, u32(m_c26)));
      }
      if (within_c25 < 256i) {
        red_f32[lid] = part_c24;
        workgroupBarrier();
        for (var st_c23 = 128i; st_c23 >= within_c25; st_c23 = st_c23 / 2i) {
          if (tx < st_c23) {
            red_f32[lid] = (red_f32[lid] + red_f32[lid + st_c23 * 1i]);
          }
          workgroupBarrier();
        }
        part_c24 = red_f32[ty * 256i];
        workgroupBarrier();
      }
      sFrag[o_c21] = (sFrag[o_c21] + part_c24);
    }
  }
  for (var t_11 = 0i; t_11 < (((params.n + 1024i) - 1i) / 1024i); t_11++) {
    for (var a_c27 = 0i; a_c27 < 1i; a_c27++) {
      for (var b_c28 = 0i; b_c28 < 4i; b_c28++) {
        let r_c29 = ty + a_c27 * 1i;
        let c_c30 = tx + b_c28 * 256i;
        xFrag[a_c27 * 4i + b_c28] = select(f32_special(0xff800000u), t_x[params.off_x + (((bx_2 + r_c29) * params.n) + ((t_11 * 1024i) + c_c30))], ((((bx_2 + r_c29) >= 0i) && ((bx_2 + r_c29) < params.rows)) && ((((t_11 * 1024i) + c_c30) >= 0i) && (((t_11 * 1024i) + c_c30) < params.n))));
      }
    }
    for (var a_c31 = 0i; a_c31 < 1i; a_c31++) {
      for (var b_c32 = 0i; b_c32 < 4i; b_c32++) {
        let r_c33 = ty + a_c31 * 1i;
        let c_c34 = tx + b_c32 * 256i;
        let i_12 = r_c33;
        let j_13 = c_c34;
        xFrag[a_c31 * 4 + b_c32] = select(0f, (select(exp((xFrag[a_c31 * 4 + b_c32] - mFrag[a_c31])), 0f, (xFrag[a_c31 * 4 + b_c32] == f32_special(0xff800000u))) / sFrag[a_c31]), (sFrag[a_c31] > 0f));
      }
    }
    for (var a_c35 = 0i; a_c35 < 1i; a_c35++) {
      for (var b_c36 = 0i; b_c36 < 4i; b_c36++) {
        let r_c37 = ty + a_c35 * 1i;
        let c_c38 = tx + b_c36 * 256i;
        if (((((bx_2 + r_c37) >= 0i) && ((bx_2 + r_c37) < params.rows)) && ((((t_11 * 1024i) + c_c38) >= 0i) && (((t_11 * 1024i) + c_c38) < params.n)))) {
          t_out[params.off_out + (((bx_2 + r_c37) * params.n) + ((t_11 * 1024i) + c_c38))] = xFrag[a_c35 * 4i + b_c36];
        }
      }
    }
  }
}
