struct Params {
  n: i32,
  limit: f32,
  off_gate: i32,
  off_up: i32,
  off_out: i32,
}

@group(0) @binding(0) var<storage, read> t_gate: array<f32>;

@group(0) @binding(1) var<storage, read> t_up: array<f32>;

@group(0) @binding(2) var<storage, read_write> t_out: array<f32>;

@group(0) @binding(3) var<uniform> params: Params;

@compute @workgroup_size(256)
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>,
        @builtin(local_invocation_index) lidx: u32) {
  let lid = i32(lidx);
  let tx = lid % 256i;
  let ty = lid / 256i;
  let g0 = (((params.n + 1024i) - 1i) / 1024i);
  let blk = i32(wid.x + wid.y * nwg.x);
  if (blk >= g0) {
    return;
  }
  var rest = blk;
  let bx_2 = rest;
  for (var it_c1 = lid; it_c1 < 1024i; it_c1 += 256i) {
    let r_c2 = it_c1 / 1024i;
    let c_c3 = it_c1 % 1024i;
    let i_3 = c_c3;
    if (((((bx_2 * 1024i) + i_3) >= 0i) && (((bx_2 * 1024i) + i_3) < params.n))) {
      t_out[params.off_out + ((bx_2 * 1024i) + i_3)] = ((select(select(0.0f, t_gate[params.off_gate + ((bx_2 * 1024i) + i_3)], ((((bx_2 * 1024i) + i_3) >= 0i) && (((bx_2 * 1024i) + i_3) < params.n))), params.limit, ((params.limit > 0f) && (select(0.0f, t_gate[params.off_gate + ((bx_2 * 1024i) + i_3)], ((((bx_2 * 1024i) + i_3) >= 0i) && (((bx_2 * 1024i) + i_3) < params.n))) > params.limit))) * (select(exp((-abs(select(select(0.0f, t_gate[params.off_gate + ((bx_2 * 1024i) + i_3)], ((((bx_2 * 1024i) + i_3) >= 0i) && (((bx_2 * 1024i) + i_3) < params.n))), params.limit, ((params.limit > 0f) && (select(0.0f, t_gate[params.off_gate + ((bx_2 * 1024i) + i_3)], ((((bx_2 * 1024i) + i_3) >= 0i) && (((bx_2 * 1024i) + i_3) < params.n))) > params.limit)))))), 1f, (select(select(0.0f, t_gate[params.off_gate + ((bx_2 * 1024i) + i_3)], ((((bx_2 * 1024i) + i_3) >= 0i) && (((bx_2 * 1024i) + i_3) < params.n))), params.limit, ((params.limit > 0f) && (select(0.0f, t_gate[params.off_gate + ((bx_2 * 1024i) + i_3)], ((((bx_2 * 1024i) + i_3) >= 0i) && (((bx_2 * 1024i) + i_3) < params.n))) > params.limit))) >= 0f)) / (exp((-abs(select(select(0.0f, t_gate[params.off_gate + ((bx_2 * 1024i) + i_3)], ((((bx_2 * 1024i) + i_3) >= 0i) && (((bx_2 * 1024i) + i_3) < params.n))), params.limit, ((params.limit > 0f) && (select(0.0f, t_gate[params.off_gate + ((bx_2 * 1024i) + i_3)], ((((bx_2 * 1024i) + i_3) >= 0i) && (((bx_2 * 1024i) + i_3) < params.n))) > params.limit)))))) + 1f))) * select(select(select(0.0f, t_up[params.off_up + ((bx_2 * 1024i) + i_3)], ((((bx_2 * 1024i) + i_3) >= 0i) && (((bx_2 * 1024i) + i_3) < params.n))), (-params.limit), ((params.limit > 0f) && (select(0.0f, t_up[params.off_up + ((bx_2 * 1024i) + i_3)], ((((bx_2 * 1024i) + i_3) >= 0i) && (((bx_2 * 1024i) + i_3) < params.n))) < (-params.limit)))), params.limit, ((params.limit > 0f) && (select(0.0f, t_up[params.off_up + ((bx_2 * 1024i) + i_3)], ((((bx_2 * 1024i) + i_3) >= 0i) && (((bx_2 * 1024i) + i_3) < params.n))) > params.limit))));
    }
  }
}
