struct Params {
  B: i32,
  T: i32,
  H: i32,
  S: i32,
  V: i32,
  scale: f32,
  off_q: i32,
  off_kv: i32,
  off_visible: i32,
  off_sink: i32,
  off_out: i32,
  off_lse: i32,
}

@group(0) @binding(0) var<storage, read> t_q: array<f32>;

@group(0) @binding(1) var<storage, read> t_kv: array<f32>;

@group(0) @binding(2) var<storage, read> t_visible: array<i32>;

@group(0) @binding(3) var<storage, read> t_sink: array<f32>;

@group(0) @binding(4) var<storage, read_write> t_out: array<f32>;

@group(0) @binding(5) var<storage, read_write> t_lse: array<f32>;

@group(0) @binding(6) var<uniform> params: Params;

var<workgroup> qShared: array<f32, 1024>;

var<workgroup> kShared: array<f32, 1024>;

var<workgroup> pShared: array<f32, 256>;

var<workgroup> u_sinkH_18: f32;

var<workgroup> red_f32: array<f32, 128>;

fn f32_special(bits: u32) -> f32 {
  var b = bits;
  return bitcast<f32>(b);
}

@compute @workgroup_size(128)
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>,
        @builtin(local_invocation_index) lidx: u32) {
  let lid = i32(lidx);
  let tx = lid % 8i;
  let ty = lid / 8i;
  let g0 = (((params.T + 16i) - 1i) / 16i);
  let g1 = params.H;
  let g2 = params.B;
  let blk = i32(wid.x + wid.y * nwg.x);
  if (blk >= g0 * g1 * g2) {
    return;
  }
  var rest = blk;
  let bx_6 = rest % g0;
  rest = rest / g0;
  let by_7 = rest % g1;
  rest = rest / g1;
  let bz_8 = rest;
  var sFrag: array<f32, 2>;
  var oFrag: array<f32, 8>;
  var mFrag: array<f32, 1>;
  var lFrag: array<f32, 1>;
  var cFrag: array<f32, 1>;
  var aFrag: array<f32, 1>;
  for (var it_c1 = lid; it_c1 < 1024i; it_c1 += 128i) {
    let r_c2 = it_c1 / 64i;
    let c_c3 = it_c1 % 64i;
    qShared[((r_c2 * 64i) + c_c3)] = select(0f, t_q[params.off_q + ((((((bz_8 * params.T) + ((bx_6 * 16i) + r_c2)) * params.H) + by_7) * 64i) + c_c3)], (((((bz_8 >= 0i) && (bz_8 < params.B)) && ((((bx_6 * 16i) + r_c2) >= 0i) && (((bx_6 * 16i) + r_c2) < params.T))) && ((by_7 >= 0i) && (by_7 < params.H))) && ((c_c3 >= 0i) && (c_c3 < 64i))));
  }
  if (lid == 0i) {
    u_sinkH_18 = select(0.0f, t_sink[params.off_sink + by_7], ((by_7 >= 0i) && (by_7 < params.H)));
  }
  let sinkH_18 = workgroupUniformLoad(&u_sinkH_18);
  for (var q_c4 = 0i; q_c4 < 1i; q_c4++) {
    mFrag[q_c4] = sinkH_18;
  }
  for (var q_c5 = 0i; q_c5 < 1i; q_c5++) {
    lFrag[q_c5] = 1f;
  }
  for (var q_c6 = 0i; q_c6 < 8i; q_c6++) {
    oFrag[q_c6] = 0f;
  }
  for (var t_19 = 0i; t_19 < (((params.S + 16i) - 1i) / 16i); t_19++) {
    for (var it_c7 = lid; it_c7 < 1024i; it_c7 += 128i) {
      let r_c8 = it_c7 / 64i;
      let c_c9 = it_c7 % 64i;
      kShared[((r_c8 * 64i) + c_c9)] = select(0f, t_kv[params.off_kv + ((((bz_8 * params.S) + ((t_19 * 16i) + r_c8)) * 64i) + c_c9)], ((((bz_8 >= 0i) && (bz_8 < params.B)) && ((((t_19 * 16i) + r_c8) >= 0i) && (((t_19 * 16i) + r_c8) < params.S))) && ((c_c9 >= 0i) && (c_c9 < 64i))));
    }
    for (var q_c10 = 0i; q_c10 < 2i; q_c10++) {
      sFrag[q_c10] = 0f;
    }
    workgroupBarrier();
    var sFragA_c14: array<f32, 1>;
    var sFragB_c15: array<f32, 2>;
    for (var p_c11 = 0i; p_c11 < 64i; p_c11++) {
      for (var a_c12 = 0i; a_c12 < 1i; a_c12++) { sFragA_c14[a_c12] = qShared[min(ty + a_c12 * 16i, 15i) * 64i + p_c11]; }
      for (var b_c13 = 0i; b_c13 < 2i; b_c13++) { sFragB_c15[b_c13] = kShared[min(tx + b_c13 * 8i, 15i) * 64i + p_c11]; }
      for (var a_c12 = 0i; a_c12 < 1i; a_c12++) {
        for (var b_c13 = 0i; b_c13 < 2i; b_c13++) {
          let q = a_c12 * 2i + b_c13;
          sFrag[q] = fma(sFragA_c14[a_c12], sFragB_c15[b_c13], sFrag[q]);
        }
      }
    }
    for (var a_c16 = 0i; a_c16 < 1i; a_c16++) {
      for (var b_c17 = 0i; b_c17 < 2i; b_c17++) {
        let r_c18 = ty + a_c16 * 16i;
        let c_c19 = tx + b_c17 * 8i;
        let i_20 = r_c18;
        let j_21 = c_c19;
        sFrag[a_c16 * 2 + b_c17] = select(f32_special(0xff800000u), (sFrag[a_c16 * 2 + b_c17] * params.scale), (select(0i, t_visible[params.off_visible + ((((select(bz_8, 0i, (params.V == 1i)) * params.T) + ((bx_6 * 16i) + i_20)) * params.S) + ((t_19 * 16i) + j_21))], ((((select(bz_8, 0i, (params.V == 1i)) >= 0i) && (select(bz_8, 0i, (params.V == 1i)) < params.V)) && ((((bx_6 * 16i) + i_20) >= 0i) && (((bx_6 * 16i) + i_20) < params.T))) && ((((t_19 * 16i) + j_21) >= 0i) && (((t_19 * 16i) + j_21) < params.S)))) != 0i));
      }
    }
    for (var o_c20 = 0i; o_c20 < 1i; o_c20++) {
      var part_c23 = f32_special(0xff800000u);
      for (var q_c21 = 0i; q_c21 < 2i; q_c21++) {
        if (tx + q_c21 * 8i < 16i) { part_c23 = max(part_c23, sFrag[o_c20 * 2i + q_c21]); }
      }
      red_f32[lid] = part_c23;
      workgroupBarrier();
      for (var st_c22 = 4i; st_c22 > 0i; st_c22 = st_c22 / 2i) {
        if (tx < st_c22) {
          red_f32[lid] = max(red_f32[lid], red_f32[lid + st_c22 * 1i]);
        }
        workgroupBarrier();
      }
      let total = red_f32[ty * 8i];
      cFrag[o_c20] = total;
      workgroupBarrier();
    }
    for (var a_c24 = 0i; a_c24 < 1i; a_c24++) {
      for (var b_c25 = 0i; b_c25 < 1i; b_c25++) {
        let r_c26 = ty + a_c24 * 16i;
        let c_c27 = 0i;
        let i_22 = r_c26;
        aFrag[a_c24] = select(exp((mFrag[a_c24] - max(mFrag[a_c24], cFrag[a_c24]))), 0f, (mFrag[a_c24] == f32_special(0xff800000u)));
        lFrag[a_c24] = (lFrag[a_c24] * aFrag[a_c24]);
        mFrag[a_c24] = max(mFrag[a_c24], cFrag[a_c24]);
      }
    }
    for (var a_c28 = 0i; a_c28 < 1i; a_c28++) {
      for (var b_c29 = 0i; b_c29 < 8i; b_c29++) {
        let r_c30 = ty + a_c28 * 16i;
        let c_c31 = tx + b_c29 * 8i;
        let i_23 = r_c30;
        let j_24 = c_c31;
        oFrag[a_c28 * 8 + b_c29] = (oFrag[a_c28 * 8 + b_c29] * aFrag[a_c28]);
      }
    }
    for (var a_c32 = 0i; a_c32 < 1i; a_c32++) {
      for (var b_c33 = 0i; b_c33 < 2i; b_c33++) {
        let r_c34 = ty + a_c32 * 16i;
        let c_c35 = tx + b_c33 * 8i;
        let i_25 = r_c34;
        let j_26 = c_c35;
        sFrag[a_c32 * 2 + b_c33] = select(exp((sFrag[a_c32 * 2 + b_c33] - mFrag[a_c32])), 0f, (sFrag[a_c32 * 2 + b_c33] == f32_special(0xff800000u)));
      }
    }
    for (var o_c36 = 0i; o_c36 < 1i; o_c36++) {
      var part_c39 = 0f;
      for (var q_c37 = 0i; q_c37 < 2i; q_c37++) {
        if (tx + q_c37 * 8i < 16i) { part_c39 = (part_c39 + sFrag[o_c36 * 2i + q_c37]); }
      }
      red_f32[lid] = part_c39;
      workgroupBarrier();
      for (var st_c38 = 4i; st_c38 > 0i; st_c38 = st_c38 / 2i) {
        if (tx < st_c38) {
          red_f32[lid] = (red_f32[lid] + red_f32[lid + st_c38 * 1i]);
        }
        workgroupBarrier();
      }
      let total = red_f32[ty * 8i];
      lFrag[o_c36] = (lFrag[o_c36] + total);
      workgroupBarrier();
    }
    for (var a_c40 = 0i; a_c40 < 1i; a_c40++) {
      for (var b_c41 = 0i; b_c41 < 2i; b_c41++) {
        let r_c42 = ty + a_c40 * 16i;
        let c_c43 = tx + b_c41 * 8i;
        pShared[((r_c42 * 16i) + c_c43)] = sFrag[a_c40 * 2i + b_c41];
      }
    }
    workgroupBarrier();
    var oFragA_c47: array<f32, 1>;
    var oFragB_c48: array<f32, 8>;
    for (var p_c44 = 0i; p_c44 < 16i; p_c44++) {
      for (var a_c45 = 0i; a_c45 < 1i; a_c45++) { oFragA_c47[a_c45] = pShared[min(ty + a_c45 * 16i, 15i) * 16i + p_c44]; }
      for (var b_c46 = 0i; b_c46 < 8i; b_c46++) { oFragB_c48[b_c46] = kShared[p_c44 * 64i + min(tx + b_c46 * 8i, 63i)]; }
      for (var a_c45 = 0i; a_c45 < 1i; a_c45++) {
        for (var b_c46 = 0i; b_c46 < 8i; b_c46++) {
          let q = a_c45 * 8i + b_c46;
          oFrag[q] = fma(oFragA_c47[a_c45], oFragB_c48[b_c46], oFrag[q]);
        }
      }
    }
    workgroupBarrier();
  }
  for (var a_c49 = 0i; a_c49 < 1i; a_c49++) {
    for (var b_c50 = 0i; b_c50 < 8i; b_c50++) {
      let r_c51 = ty + a_c49 * 16i;
      let c_c52 = tx + b_c50 * 8i;
      let i_27 = r_c51;
      let j_28 = c_c52;
      oFrag[a_c49 * 8 + b_c50] = (oFrag[a_c49 * 8 + b_c50] / lFrag[a_c49]);
    }
  }
  for (var a_c53 = 0i; a_c53 < 1i; a_c53++) {
    for (var b_c54 = 0i; b_c54 < 8i; b_c54++) {
      let r_c55 = ty + a_c53 * 16i;
      let c_c56 = tx + b_c54 * 8i;
      if ((((((bz_8 >= 0i) && (bz_8 < params.B)) && ((((bx_6 * 16i) + r_c55) >= 0i) && (((bx_6 * 16i) + r_c55) < params.T))) && ((by_7 >= 0i) && (by_7 < params.H))) && ((c_c56 >= 0i) && (c_c56 < 64i)))) {
        t_out[params.off_out + ((((((bz_8 * params.T) + ((bx_6 * 16i) + r_c55)) * params.H) + by_7) * 64i) + c_c56)] = oFrag[a_c53 * 8i + b_c54];
      }
    }
  }
  for (var a_c57 = 0i; a_c57 < 1i; a_c57++) {
    for (var b_c58 = 0i; b_c58 < 1i; b_c58++) {
      let r_c59 = ty + a_c57 * 16i;
      let c_c60 = 0i;
      let i_29 = r_c59;
      lFrag[a_c57] = (mFrag[a_c57] + log(lFrag[a_c57]));
    }
  }
  for (var a_c61 = 0i; a_c61 < 1i; a_c61++) {
    for (var b_c62 = 0i; b_c62 < 1i; b_c62++) {
      let r_c63 = ty + a_c61 * 16i;
      let c_c64 = 0i;
      if (tx == 0i) {
        if (((((bz_8 >= 0i) && (bz_8 < params.B)) && ((by_7 >= 0i) && (by_7 < params.H))) && ((((bx_6 * 16i) + r_c63) >= 0i) && (((bx_6 * 16i) + r_c63) < params.T)))) {
          t_lse[params.off_lse + ((((bz_8 * params.H) + by_7) * params.T) + ((bx_6 * 16i) + r_c63))] = lFrag[a_c61];
        }
      }
    }
  }
}
