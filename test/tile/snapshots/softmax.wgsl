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

fn f32_special(bits: u32) -> f32 {
  var b = bits;
  return bitcast<f32>(b);
}

@compute @workgroup_size(256)
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>,
        @builtin(local_invocation_index) lidx: u32) {
  let lid = i32(lidx);
  let tx = lid % 256i;
  let ty = lid / 256i;
  let g0 = ((params.rows + 1i) - 1i);
  let blk = i32(wid.x + wid.y * nwg.x);
  if (blk >= g0) {
    return;
  }
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
      red_f32[lid] = part_c10;
      workgroupBarrier();
      for (var st_c9 = 128i; st_c9 > 0i; st_c9 = st_c9 / 2i) {
        if (tx < st_c9) {
          red_f32[lid] = max(red_f32[lid], red_f32[lid + st_c9 * 1i]);
        }
        workgroupBarrier();
      }
      let total = red_f32[ty * 256i];
      cFrag[o_c7] = total;
      workgroupBarrier();
    }
    for (var a_c11 = 0i; a_c11 < 1i; a_c11++) {
      for (var b_c12 = 0i; b_c12 < 1i; b_c12++) {
        let r_c13 = ty + a_c11 * 1i;
        let c_c14 = 0i;
        let i_8 = r_c13;
        sFrag[a_c11] = (sFrag[a_c11] * select(exp((mFrag[a_c11] - max(mFrag[a_c11], cFrag[a_c11]))), 0f, (mFrag[a_c11] == f32_special(0xff800000u))));
        mFrag[a_c11] = max(mFrag[a_c11], cFrag[a_c11]);
      }
    }
    for (var a_c15 = 0i; a_c15 < 1i; a_c15++) {
      for (var b_c16 = 0i; b_c16 < 4i; b_c16++) {
        let r_c17 = ty + a_c15 * 1i;
        let c_c18 = tx + b_c16 * 256i;
        let i_9 = r_c17;
        let j_10 = c_c18;
        xFrag[a_c15 * 4 + b_c16] = select(exp((xFrag[a_c15 * 4 + b_c16] - mFrag[a_c15])), 0f, (xFrag[a_c15 * 4 + b_c16] == f32_special(0xff800000u)));
      }
    }
    for (var o_c19 = 0i; o_c19 < 1i; o_c19++) {
      var part_c22 = 0f;
      for (var q_c20 = 0i; q_c20 < 4i; q_c20++) {
        if (tx + q_c20 * 256i < 1024i) { part_c22 = (part_c22 + xFrag[o_c19 * 4i + q_c20]); }
      }
      red_f32[lid] = part_c22;
      workgroupBarrier();
      for (var st_c21 = 128i; st_c21 > 0i; st_c21 = st_c21 / 2i) {
        if (tx < st_c21) {
          red_f32[lid] = (red_f32[lid] + red_f32[lid + st_c21 * 1i]);
        }
        workgroupBarrier();
      }
      let total = red_f32[ty * 256i];
      sFrag[o_c19] = (sFrag[o_c19] + total);
      workgroupBarrier();
    }
  }
  for (var t_11 = 0i; t_11 < (((params.n + 1024i) - 1i) / 1024i); t_11++) {
    for (var a_c23 = 0i; a_c23 < 1i; a_c23++) {
      for (var b_c24 = 0i; b_c24 < 4i; b_c24++) {
        let r_c25 = ty + a_c23 * 1i;
        let c_c26 = tx + b_c24 * 256i;
        xFrag[a_c23 * 4i + b_c24] = select(f32_special(0xff800000u), t_x[params.off_x + (((bx_2 + r_c25) * params.n) + ((t_11 * 1024i) + c_c26))], ((((bx_2 + r_c25) >= 0i) && ((bx_2 + r_c25) < params.rows)) && ((((t_11 * 1024i) + c_c26) >= 0i) && (((t_11 * 1024i) + c_c26) < params.n))));
      }
    }
    for (var a_c27 = 0i; a_c27 < 1i; a_c27++) {
      for (var b_c28 = 0i; b_c28 < 4i; b_c28++) {
        let r_c29 = ty + a_c27 * 1i;
        let c_c30 = tx + b_c28 * 256i;
        let i_12 = r_c29;
        let j_13 = c_c30;
        xFrag[a_c27 * 4 + b_c28] = select(0f, (select(exp((xFrag[a_c27 * 4 + b_c28] - mFrag[a_c27])), 0f, (xFrag[a_c27 * 4 + b_c28] == f32_special(0xff800000u))) / sFrag[a_c27]), (sFrag[a_c27] > 0f));
      }
    }
    for (var a_c31 = 0i; a_c31 < 1i; a_c31++) {
      for (var b_c32 = 0i; b_c32 < 4i; b_c32++) {
        let r_c33 = ty + a_c31 * 1i;
        let c_c34 = tx + b_c32 * 256i;
        if (((((bx_2 + r_c33) >= 0i) && ((bx_2 + r_c33) < params.rows)) && ((((t_11 * 1024i) + c_c34) >= 0i) && (((t_11 * 1024i) + c_c34) < params.n)))) {
          t_out[params.off_out + (((bx_2 + r_c33) * params.n) + ((t_11 * 1024i) + c_c34))] = xFrag[a_c31 * 4i + b_c32];
        }
      }
    }
  }
}
