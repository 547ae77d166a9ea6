enable f16;

struct Params {
  B: i32,
  M: i32,
  N: i32,
  K: i32,
  off_a: i32,
  off_b: i32,
  off_out: i32,
}

@group(0) @binding(0) var<storage, read> t_a: array<f32>;

@group(0) @binding(1) var<storage, read> t_b: array<f32>;

@group(0) @binding(2) var<storage, read_write> t_out: array<f32>;

@group(0) @binding(3) var<uniform> params: Params;

var<workgroup> aShared: array<f16, 1024>;

var<workgroup> bShared: array<f16, 1024>;

@compute @workgroup_size(256)
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>,
        @builtin(local_invocation_index) lidx: u32) {
  let lid = i32(lidx);
  let tx = lid % 16i;
  let ty = lid / 16i;
  let g0 = (((params.N + 64i) - 1i) / 64i);
  let g1 = (((params.M + 64i) - 1i) / 64i);
  let g2 = params.B;
  let blk = i32(wid.x + wid.y * nwg.x);
  if (blk >= g0 * g1 * g2) {
    return;
  }
  var rest = blk;
  let bx_4 = rest % g0;
  rest = rest / g0;
  let by_5 = rest % g1;
  rest = rest / g1;
  let bz_6 = rest;
  var cFrag: array<f32, 16>;
  for (var q_c1 = 0i; q_c1 < 16i; q_c1++) {
    cFrag[q_c1] = 0f;
  }
  for (var ko_10 = 0i; ko_10 < (((params.K + 16i) - 1i) / 16i); ko_10++) {
    for (var it_c2 = lid; it_c2 < 1024i; it_c2 += 256i) {
      let r_c3 = it_c2 / 16i;
      let c_c4 = it_c2 % 16i;
      aShared[((r_c3 * 16i) + c_c4)] = f16(clamp(select(0f, t_a[params.off_a + ((((bz_6 * params.M) + ((by_5 * 64i) + r_c3)) * params.K) + ((ko_10 * 16i) + c_c4))], ((((bz_6 >= 0i) && (bz_6 < params.B)) && ((((by_5 * 64i) + r_c3) >= 0i) && (((by_5 * 64i) + r_c3) < params.M))) && ((((ko_10 * 16i) + c_c4) >= 0i) && (((ko_10 * 16i) + c_c4) < params.K)))), -65504.0f, 65504.0f));
    }
    for (var it_c5 = lid; it_c5 < 1024i; it_c5 += 256i) {
      let r_c6 = it_c5 / 64i;
      let c_c7 = it_c5 % 64i;
      bShared[((r_c6 * 64i) + c_c7)] = f16(clamp(select(0f, t_b[params.off_b + ((((bz_6 * params.K) + ((ko_10 * 16i) + r_c6)) * params.N) + ((bx_4 * 64i) + c_c7))], ((((bz_6 >= 0i) && (bz_6 < params.B)) && ((((ko_10 * 16i) + r_c6) >= 0i) && (((ko_10 * 16i) + r_c6) < params.K))) && ((((bx_4 * 64i) + c_c7) >= 0i) && (((bx_4 * 64i) + c_c7) < params.N)))), -65504.0f, 65504.0f));
    }
    workgroupBarrier();
    var cFragA_c11: array<f32, 4>;
    var cFragB_c12: array<f32, 4>;
    for (var p_c8 = 0i; p_c8 < 16i; p_c8++) {
      for (var a_c9 = 0i; a_c9 < 4i; a_c9++) { cFragA_c11[a_c9] = f32(aShared[min(ty + a_c9 * 16i, 63i) * 16i + p_c8]); }
      for (var b_c10 = 0i; b_c10 < 4i; b_c10++) { cFragB_c12[b_c10] = f32(bShared[p_c8 * 64i + min(tx + b_c10 * 16i, 63i)]); }
      for (var a_c9 = 0i; a_c9 < 4i; a_c9++) {
        for (var b_c10 = 0i; b_c10 < 4i; b_c10++) {
          let q = a_c9 * 4i + b_c10;
          cFrag[q] = fma(cFragA_c11[a_c9], cFragB_c12[b_c10], cFrag[q]);
        }
      }
    }
    workgroupBarrier();
  }
  for (var a_c13 = 0i; a_c13 < 4i; a_c13++) {
    for (var b_c14 = 0i; b_c14 < 4i; b_c14++) {
      let r_c15 = ty + a_c13 * 16i;
      let c_c16 = tx + b_c14 * 16i;
      if (((((bz_6 >= 0i) && (bz_6 < params.B)) && ((((by_5 * 64i) + r_c15) >= 0i) && (((by_5 * 64i) + r_c15) < params.M))) && ((((bx_4 * 64i) + c_c16) >= 0i) && (((bx_4 * 64i) + c_c16) < params.N)))) {
        t_out[params.off_out + ((((bz_6 * params.M) + ((by_5 * 64i) + r_c15)) * params.N) + ((bx_4 * 64i) + c_c16))] = cFrag[a_c13 * 4i + b_c14];
      }
    }
  }
}
