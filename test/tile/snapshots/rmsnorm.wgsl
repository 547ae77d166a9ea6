struct Params {
  rows: i32,
  n: i32,
  eps: f32,
  off_x: i32,
  off_w: i32,
  off_y: i32,
  off_rstd: i32,
}

@group(0) @binding(0) var<storage, read> t_x: array<f32>;

@group(0) @binding(1) var<storage, read> t_w: array<f32>;

@group(0) @binding(2) var<storage, read_write> t_y: array<f32>;

@group(0) @binding(3) var<storage, read_write> t_rstd: array<f32>;

@group(0) @binding(4) var<uniform> params: Params;

var<workgroup> red_f32: array<f32, 256>;

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
  let bx_3 = rest;
  var xFrag: array<f32, 4>;
  var wFrag: array<f32, 4>;
  var ssFrag: array<f32, 1>;
  for (var q_c1 = 0i; q_c1 < 1i; q_c1++) {
    ssFrag[q_c1] = 0f;
  }
  for (var t_7 = 0i; t_7 < (((params.n + 1024i) - 1i) / 1024i); t_7++) {
    for (var a_c2 = 0i; a_c2 < 1i; a_c2++) {
      for (var b_c3 = 0i; b_c3 < 4i; b_c3++) {
        let r_c4 = ty + a_c2 * 1i;
        let c_c5 = tx + b_c3 * 256i;
        xFrag[a_c2 * 4i + b_c3] = select(0f, t_x[params.off_x + (((bx_3 + r_c4) * params.n) + ((t_7 * 1024i) + c_c5))], ((((bx_3 + r_c4) >= 0i) && ((bx_3 + r_c4) < params.rows)) && ((((t_7 * 1024i) + c_c5) >= 0i) && (((t_7 * 1024i) + c_c5) < params.n))));
      }
    }
    for (var a_c6 = 0i; a_c6 < 1i; a_c6++) {
      for (var b_c7 = 0i; b_c7 < 4i; b_c7++) {
        let r_c8 = ty + a_c6 * 1i;
        let c_c9 = tx + b_c7 * 256i;
        let i_8 = r_c8;
        let j_9 = c_c9;
        xFrag[a_c6 * 4 + b_c7] = (xFrag[a_c6 * 4 + b_c7] * xFrag[a_c6 * 4 + b_c7]);
      }
    }
    for (var o_c10 = 0i; o_c10 < 1i; o_c10++) {
      var part_c13 = 0f;
      for (var q_c11 = 0i; q_c11 < 4i; q_c11++) {
        if (tx + q_c11 * 256i < 1024i) { part_c13 = (part_c13 + xFrag[o_c10 * 4i + q_c11]); }
      }
      red_f32[lid] = part_c13;
      workgroupBarrier();
      for (var st_c12 = 128i; st_c12 > 0i; st_c12 = st_c12 / 2i) {
        if (tx < st_c12) {
          red_f32[lid] = (red_f32[lid] + red_f32[lid + st_c12 * 1i]);
        }
        workgroupBarrier();
      }
      let total = red_f32[ty * 256i];
      ssFrag[o_c10] = (ssFrag[o_c10] + total);
      workgroupBarrier();
    }
  }
  for (var a_c14 = 0i; a_c14 < 1i; a_c14++) {
    for (var b_c15 = 0i; b_c15 < 1i; b_c15++) {
      let r_c16 = ty + a_c14 * 1i;
      let c_c17 = 0i;
      let i_10 = r_c16;
      ssFrag[a_c14] = inverseSqrt(((ssFrag[a_c14] / f32(params.n)) + params.eps));
    }
  }
  for (var t_11 = 0i; t_11 < (((params.n + 1024i) - 1i) / 1024i); t_11++) {
    for (var a_c18 = 0i; a_c18 < 1i; a_c18++) {
      for (var b_c19 = 0i; b_c19 < 4i; b_c19++) {
        let r_c20 = ty + a_c18 * 1i;
        let c_c21 = tx + b_c19 * 256i;
        xFrag[a_c18 * 4i + b_c19] = select(0f, t_x[params.off_x + (((bx_3 + r_c20) * params.n) + ((t_11 * 1024i) + c_c21))], ((((bx_3 + r_c20) >= 0i) && ((bx_3 + r_c20) < params.rows)) && ((((t_11 * 1024i) + c_c21) >= 0i) && (((t_11 * 1024i) + c_c21) < params.n))));
      }
    }
    for (var a_c22 = 0i; a_c22 < 1i; a_c22++) {
      for (var b_c23 = 0i; b_c23 < 4i; b_c23++) {
        let r_c24 = 0i;
        let c_c25 = tx + b_c23 * 256i;
        wFrag[b_c23] = select(0f, t_w[params.off_w + ((t_11 * 1024i) + c_c25)], ((((t_11 * 1024i) + c_c25) >= 0i) && (((t_11 * 1024i) + c_c25) < params.n)));
      }
    }
    for (var a_c26 = 0i; a_c26 < 1i; a_c26++) {
      for (var b_c27 = 0i; b_c27 < 4i; b_c27++) {
        let r_c28 = ty + a_c26 * 1i;
        let c_c29 = tx + b_c27 * 256i;
        let i_12 = r_c28;
        let j_13 = c_c29;
        xFrag[a_c26 * 4 + b_c27] = ((xFrag[a_c26 * 4 + b_c27] * ssFrag[a_c26]) * wFrag[b_c27]);
      }
    }
    for (var a_c30 = 0i; a_c30 < 1i; a_c30++) {
      for (var b_c31 = 0i; b_c31 < 4i; b_c31++) {
        let r_c32 = ty + a_c30 * 1i;
        let c_c33 = tx + b_c31 * 256i;
        if (((((bx_3 + r_c32) >= 0i) && ((bx_3 + r_c32) < params.rows)) && ((((t_11 * 1024i) + c_c33) >= 0i) && (((t_11 * 1024i) + c_c33) < params.n)))) {
          t_y[params.off_y + (((bx_3 + r_c32) * params.n) + ((t_11 * 1024i) + c_c33))] = xFrag[a_c30 * 4i + b_c31];
        }
      }
    }
  }
  for (var a_c34 = 0i; a_c34 < 1i; a_c34++) {
    for (var b_c35 = 0i; b_c35 < 1i; b_c35++) {
      let r_c36 = ty + a_c34 * 1i;
      let c_c37 = 0i;
      if (tx == 0i) {
        if ((((bx_3 + r_c36) >= 0i) && ((bx_3 + r_c36) < params.rows))) {
          t_rstd[params.off_rstd + (bx_3 + r_c36)] = ssFrag[a_c34];
        }
      }
    }
  }
}
