(module
 (type $0 (func (param f64) (result f64)))
 (type $1 (func (param f32) (result f32)))
 (type $2 (func (param v128) (result v128)))
 (type $3 (func (param i32 i32 i32 i32 i32 i32 i32)))
 (import "env" "memory" (memory $0 1 65536 shared))
 (export "softmaxRows_1x1024" (func $softmaxRows_1x1024))
 (func $exp64 (param $0 f64) (result f64)
  (local $1 f64)
  (local $2 f64)
  (local.set $0
   (f64.min
    (f64.max
     (local.get $0)
     (f64.const -110)
    )
    (f64.const 90)
   )
  )
  (local.set $1
   (f64.nearest
    (f64.mul
     (local.get $0)
     (f64.const 1.4426950408889634)
    )
   )
  )
  (local.set $2
   (f64.sub
    (local.get $0)
    (f64.mul
     (local.get $1)
     (f64.const 0.6931471805599453)
    )
   )
  )
  (return
   (f64.mul
    (f64.add
     (f64.const 1)
     (f64.mul
      (local.get $2)
      (f64.add
       (f64.const 1)
       (f64.mul
        (local.get $2)
        (f64.add
         (f64.const 0.5)
         (f64.mul
          (local.get $2)
          (f64.add
           (f64.const 0.16666666666666666)
           (f64.mul
            (local.get $2)
            (f64.add
             (f64.const 0.041666666666666664)
             (f64.mul
              (local.get $2)
              (f64.add
               (f64.const 0.008333333333333333)
               (f64.mul
                (local.get $2)
                (f64.add
                 (f64.const 0.001388888888888889)
                 (f64.mul
                  (local.get $2)
                  (f64.add
                   (f64.const 1.984126984126984e-04)
                   (f64.mul
                    (local.get $2)
                    (f64.add
                     (f64.const 2.48015873015873e-05)
                     (f64.mul
                      (local.get $2)
                      (f64.const 2.7557319223985893e-06)
                     )
                    )
                   )
                  )
                 )
                )
               )
              )
             )
            )
           )
          )
         )
        )
       )
      )
     )
    )
    (f64.reinterpret_i64
     (i64.shl
      (i64.extend_i32_s
       (i32.add
        (i32.trunc_sat_f64_s
         (local.get $1)
        )
        (i32.const 1023)
       )
      )
      (i64.const 52)
     )
    )
   )
  )
 )
 (func $exp_f32 (param $0 f32) (result f32)
  (f32.demote_f64
   (call $exp64
    (f64.promote_f32
     (local.get $0)
    )
   )
  )
 )
 (func $exp_f32x4 (param $0 v128) (result v128)
  (local $1 v128)
  (local $2 v128)
  (local $3 v128)
  (local $4 v128)
  (local $5 v128)
  (local.set $1
   (f32x4.min
    (f32x4.max
     (local.get $0)
     (f32x4.splat
      (f32.const -104)
     )
    )
    (f32x4.splat
     (f32.const 89)
    )
   )
  )
  (local.set $2
   (f32x4.nearest
    (f32x4.mul
     (local.get $1)
     (f32x4.splat
      (f32.const 1.4426950216293335)
     )
    )
   )
  )
  (local.set $3
   (f32x4.sub
    (local.get $1)
    (f32x4.mul
     (local.get $2)
     (f32x4.splat
      (f32.const 0.693359375)
     )
    )
   )
  )
  (local.set $3
   (f32x4.sub
    (local.get $3)
    (f32x4.mul
     (local.get $2)
     (f32x4.splat
      (f32.const -2.1219444170128554e-04)
     )
    )
   )
  )
  (local.set $4
   (i32x4.trunc_sat_f32x4_s
    (local.get $2)
   )
  )
  (local.set $5
   (i32x4.shr_s
    (local.get $4)
    (i32.const 1)
   )
  )
  (f32x4.mul
   (f32x4.mul
    (f32x4.add
     (f32x4.add
      (f32x4.mul
       (f32x4.mul
        (f32x4.add
         (f32x4.mul
          (f32x4.add
           (f32x4.mul
            (f32x4.add
             (f32x4.mul
              (f32x4.add
               (f32x4.mul
                (f32x4.add
                 (f32x4.mul
                  (f32x4.splat
                   (f32.const 1.9875691214110702e-04)
                  )
                  (local.get $3)
                 )
                 (f32x4.splat
                  (f32.const 0.001398199936375022)
                 )
                )
                (local.get $3)
               )
               (f32x4.splat
                (f32.const 0.008333452045917511)
               )
              )
              (local.get $3)
             )
             (f32x4.splat
              (f32.const 0.04166579619050026)
             )
            )
            (local.get $3)
           )
           (f32x4.splat
            (f32.const 0.1666666567325592)
           )
          )
          (local.get $3)
         )
         (f32x4.splat
          (f32.const 0.5)
         )
        )
        (local.get $3)
       )
       (local.get $3)
      )
      (local.get $3)
     )
     (f32x4.splat
      (f32.const 1)
     )
    )
    (i32x4.shl
     (i32x4.add
      (local.get $5)
      (i32x4.splat
       (i32.const 127)
      )
     )
     (i32.const 23)
    )
   )
   (i32x4.shl
    (i32x4.add
     (i32x4.sub
      (local.get $4)
      (local.get $5)
     )
     (i32x4.splat
      (i32.const 127)
     )
    )
    (i32.const 23)
   )
  )
 )
 (func $softmaxRows_1x1024 (param $0 i32) (param $1 i32) (param $2 i32) (param $3 i32) (param $4 i32) (param $5 i32) (param $6 i32)
  (local $7 i32)
  (local $8 i32)
  (local $9 i32)
  (local $10 i32)
  (local $11 i32)
  (local $12 v128)
  (local $13 i32)
  (local $14 i32)
  (local $15 i32)
  (local $16 v128)
  (local $17 i32)
  (local $18 i32)
  (local $19 i32)
  (local $20 i32)
  (local $21 i32)
  (local $22 i32)
  (local $23 i32)
  (local $24 i32)
  (local $25 i32)
  (local $26 i32)
  (local $27 i32)
  (local $28 i32)
  (local $29 i32)
  (local $30 i32)
  (local $31 i32)
  (local $32 f32)
  (local $33 v128)
  (local $34 i32)
  (local $35 i32)
  (local $36 i32)
  (local $37 i32)
  (local $38 i32)
  (local $39 i32)
  (local $40 i32)
  (local $41 i32)
  (local $42 i32)
  (local $43 i32)
  (local $44 f32)
  (local $45 v128)
  (local $46 i32)
  (local $47 i32)
  (local $48 i32)
  (local $49 i32)
  (local $50 i32)
  (local $51 i32)
  (local $52 i32)
  (local $53 i32)
  (local $54 i32)
  (local $55 i32)
  (local $56 i32)
  (local $57 i32)
  (local $58 i32)
  (local $59 i32)
  (local $60 i32)
  (local $61 i32)
  (local $62 i32)
  (local $63 i32)
  (local $64 i32)
  (local $65 i32)
  (local $66 i32)
  (local $67 i32)
  (local $68 i32)
  (local $69 i32)
  (local $70 i32)
  (local $71 i32)
  (local $72 i32)
  (local $73 i32)
  (local $74 i32)
  (local.set $9
   (i32.sub
    (i32.add
     (local.get $2)
     (i32.const 1)
    )
    (i32.const 1)
   )
  )
  (local.set $7
   (local.get $5)
  )
  (block $done0
   (loop $blocks1
    (br_if $done0
     (i32.ge_s
      (local.get $7)
      (local.get $6)
     )
    )
    (local.set $8
     (local.get $7)
    )
    (local.set $10
     (local.get $8)
    )
    (block
     (local.set $11
      (i32.add
       (local.get $4)
       (i32.const 4096)
      )
     )
     (local.set $12
      (f32x4.splat
       (f32.const -inf)
      )
     )
     (block
      (local.set $14
       (i32.const 64)
      )
      (local.set $13
       (i32.const 0)
      )
      (block $exit2
       (loop $loop3
        (br_if $exit2
         (i32.ge_s
          (local.get $13)
          (local.get $14)
         )
        )
        (v128.store
         (i32.add
          (local.get $11)
          (local.get $13)
         )
         (local.get $12)
        )
        (local.set $13
         (i32.add
          (local.get $13)
          (i32.const 16)
         )
        )
        (br $loop3)
       )
      )
     )
    )
    (block
     (local.set $15
      (i32.add
       (local.get $4)
       (i32.const 4160)
      )
     )
     (local.set $16
      (f32x4.splat
       (f32.const 0)
      )
     )
     (block
      (local.set $18
       (i32.const 64)
      )
      (local.set $17
       (i32.const 0)
      )
      (block $exit4
       (loop $loop5
        (br_if $exit4
         (i32.ge_s
          (local.get $17)
          (local.get $18)
         )
        )
        (v128.store
         (i32.add
          (local.get $15)
          (local.get $17)
         )
         (local.get $16)
        )
        (local.set $17
         (i32.add
          (local.get $17)
          (i32.const 16)
         )
        )
        (br $loop5)
       )
      )
     )
    )
    (block
     (local.set $48
      (i32.div_s
       (i32.sub
        (i32.add
         (local.get $3)
         (i32.const 1024)
        )
        (i32.const 1)
       )
       (i32.const 1024)
      )
     )
     (local.set $19
      (i32.const 0)
     )
     (block $exit28
      (loop $loop29
       (br_if $exit28
        (i32.ge_s
         (local.get $19)
         (local.get $48)
        )
       )
       (if
        (i32.and
         (i32.and
          (i32.ge_s
           (local.get $10)
           (i32.const 0)
          )
          (i32.le_s
           (i32.add
            (local.get $10)
            (i32.const 1)
           )
           (local.get $2)
          )
         )
         (i32.and
          (i32.ge_s
           (i32.mul
            (local.get $19)
            (i32.const 1024)
           )
           (i32.const 0)
          )
          (i32.le_s
           (i32.add
            (i32.mul
             (local.get $19)
             (i32.const 1024)
            )
            (i32.const 1024)
           )
           (local.get $3)
          )
         )
        )
        (then
         (local.set $29
          (i32.const 1)
         )
         (local.set $24
          (i32.const 0)
         )
         (block $exit12
          (loop $loop13
           (br_if $exit12
            (i32.ge_s
             (local.get $24)
             (local.get $29)
            )
           )
           (block
            (local.set $25
             (i32.add
              (i32.add
               (local.get $4)
               (i32.const 0)
              )
              (i32.mul
               (local.get $24)
               (i32.const 4096)
              )
             )
            )
            (local.set $26
             (i32.add
              (local.get $0)
              (i32.shl
               (i32.add
                (i32.mul
                 (i32.add
                  (local.get $10)
                  (local.get $24)
                 )
                 (local.get $3)
                )
                (i32.mul
                 (local.get $19)
                 (i32.const 1024)
                )
               )
               (i32.const 2)
              )
             )
            )
            (block
             (local.set $28
              (i32.const 4096)
             )
             (local.set $27
              (i32.const 0)
             )
             (block $exit10
              (loop $loop11
               (br_if $exit10
                (i32.ge_s
                 (local.get $27)
                 (local.get $28)
                )
               )
               (v128.store
                (i32.add
                 (local.get $25)
                 (local.get $27)
                )
                (v128.load align=4
                 (i32.add
                  (local.get $26)
                  (local.get $27)
                 )
                )
               )
               (local.set $27
                (i32.add
                 (local.get $27)
                 (i32.const 16)
                )
               )
               (br $loop11)
              )
             )
            )
           )
           (local.set $24
            (i32.add
             (local.get $24)
             (i32.const 1)
            )
           )
           (br $loop13)
          )
         )
        )
        (else
         (local.set $23
          (i32.const 1)
         )
         (local.set $20
          (i32.const 0)
         )
         (block $exit8
          (loop $loop9
           (br_if $exit8
            (i32.ge_s
             (local.get $20)
             (local.get $23)
            )
           )
           (block
            (local.set $22
             (i32.const 1024)
            )
            (local.set $21
             (i32.const 0)
            )
            (block $exit6
             (loop $loop7
              (br_if $exit6
               (i32.ge_s
                (local.get $21)
                (local.get $22)
               )
              )
              (f32.store
               (i32.add
                (i32.add
                 (local.get $4)
                 (i32.const 0)
                )
                (i32.shl
                 (i32.add
                  (i32.mul
                   (local.get $20)
                   (i32.const 1024)
                  )
                  (i32.mul
                   (local.get $21)
                   (i32.const 1)
                  )
                 )
                 (i32.const 2)
                )
               )
               (if (result f32)
                (i32.and
                 (i32.and
                  (i32.ge_s
                   (i32.add
                    (local.get $10)
                    (local.get $20)
                   )
                   (i32.const 0)
                  )
                  (i32.lt_s
                   (i32.add
                    (local.get $10)
                    (local.get $20)
                   )
                   (local.get $2)
                  )
                 )
                 (i32.and
                  (i32.ge_s
                   (i32.add
                    (i32.mul
                     (local.get $19)
                     (i32.const 1024)
                    )
                    (local.get $21)
                   )
                   (i32.const 0)
                  )
                  (i32.lt_s
                   (i32.add
                    (i32.mul
                     (local.get $19)
                     (i32.const 1024)
                    )
                    (local.get $21)
                   )
                   (local.get $3)
                  )
                 )
                )
                (then
                 (f32.load
                  (i32.add
                   (local.get $0)
                   (i32.shl
                    (i32.add
                     (i32.mul
                      (i32.add
                       (local.get $10)
                       (local.get $20)
                      )
                      (local.get $3)
                     )
                     (i32.add
                      (i32.mul
                       (local.get $19)
                       (i32.const 1024)
                      )
                      (local.get $21)
                     )
                    )
                    (i32.const 2)
                   )
                  )
                 )
                )
                (else
                 (f32.const -inf)
                )
               )
              )
              (local.set $21
               (i32.add
                (local.get $21)
                (i32.const 1)
               )
              )
              (br $loop7)
             )
            )
           )
           (local.set $20
            (i32.add
             (local.get $20)
             (i32.const 1)
            )
           )
           (br $loop9)
          )
         )
        )
       )
       (block
        (local.set $35
         (i32.const 1)
        )
        (local.set $30
         (i32.const 0)
        )
        (block $exit16
         (loop $loop17
          (br_if $exit16
           (i32.ge_s
            (local.get $30)
            (local.get $35)
           )
          )
          (local.set $33
           (f32x4.splat
            (f32.const -inf)
           )
          )
          (block
           (local.set $34
            (i32.const 1024)
           )
           (local.set $31
            (i32.const 0)
           )
           (block $exit14
            (loop $loop15
             (br_if $exit14
              (i32.ge_s
               (local.get $31)
               (local.get $34)
              )
             )
             (local.set $33
              (f32x4.max
               (local.get $33)
               (v128.load align=4
                (i32.add
                 (i32.add
                  (local.get $4)
                  (i32.const 0)
                 )
                 (i32.shl
                  (i32.add
                   (i32.mul
                    (local.get $30)
                    (i32.const 1024)
                   )
                   (local.get $31)
                  )
                  (i32.const 2)
                 )
                )
               )
              )
             )
             (local.set $31
              (i32.add
               (local.get $31)
               (i32.const 4)
              )
             )
             (br $loop15)
            )
           )
          )
          (local.set $32
           (f32.max
            (f32.max
             (f32x4.extract_lane 0
              (local.get $33)
             )
             (f32x4.extract_lane 1
              (local.get $33)
             )
            )
            (f32.max
             (f32x4.extract_lane 2
              (local.get $33)
             )
             (f32x4.extract_lane 3
              (local.get $33)
             )
            )
           )
          )
          (f32.store
           (i32.add
            (i32.add
             (local.get $4)
             (i32.const 4224)
            )
            (i32.shl
             (local.get $30)
             (i32.const 2)
            )
           )
           (local.get $32)
          )
          (local.set $30
           (i32.add
            (local.get $30)
            (i32.const 1)
           )
          )
          (br $loop17)
         )
        )
       )
       (block
        (local.set $37
         (i32.const 1)
        )
        (local.set $36
         (i32.const 0)
        )
        (block $exit18
         (loop $loop19
          (br_if $exit18
           (i32.ge_s
            (local.get $36)
            (local.get $37)
           )
          )
          (block
           (f32.store
            (i32.add
             (i32.add
              (local.get $4)
              (i32.const 4160)
             )
             (i32.shl
              (i32.mul
               (local.get $36)
               (i32.const 1)
              )
              (i32.const 2)
             )
            )
            (f32.mul
             (f32.load
              (i32.add
               (i32.add
                (local.get $4)
                (i32.const 4160)
               )
               (i32.shl
                (i32.mul
                 (local.get $36)
                 (i32.const 1)
                )
                (i32.const 2)
               )
              )
             )
             (select
              (f32.const 0)
              (call $exp_f32
               (f32.sub
                (f32.load
                 (i32.add
                  (i32.add
                   (local.get $4)
                   (i32.const 4096)
                  )
                  (i32.shl
                   (i32.mul
                    (local.get $36)
                    (i32.const 1)
                   )
                   (i32.const 2)
                  )
                 )
                )
                (f32.max
                 (f32.load
                  (i32.add
                   (i32.add
                    (local.get $4)
                    (i32.const 4096)
                   )
                   (i32.shl
                    (i32.mul
                     (local.get $36)
                     (i32.const 1)
                    )
                    (i32.const 2)
                   )
                  )
                 )
                 (f32.load
                  (i32.add
                   (i32.add
                    (local.get $4)
                    (i32.const 4224)
                   )
                   (i32.shl
                    (i32.mul
                     (local.get $36)
                     (i32.const 1)
                    )
                    (i32.const 2)
                   )
                  )
                 )
                )
               )
              )
              (f32.eq
               (f32.load
                (i32.add
                 (i32.add
                  (local.get $4)
                  (i32.const 4096)
                 )
                 (i32.shl
                  (i32.mul
                   (local.get $36)
                   (i32.const 1)
                  )
                  (i32.const 2)
                 )
                )
               )
               (f32.const -inf)
              )
             )
            )
           )
           (f32.store
            (i32.add
             (i32.add
              (local.get $4)
              (i32.const 4096)
             )
             (i32.shl
              (i32.mul
               (local.get $36)
               (i32.const 1)
              )
              (i32.const 2)
             )
            )
            (f32.max
             (f32.load
              (i32.add
               (i32.add
                (local.get $4)
                (i32.const 4096)
               )
               (i32.shl
                (i32.mul
                 (local.get $36)
                 (i32.const 1)
                )
                (i32.const 2)
               )
              )
             )
             (f32.load
              (i32.add
               (i32.add
                (local.get $4)
                (i32.const 4224)
               )
               (i32.shl
                (i32.mul
                 (local.get $36)
                 (i32.const 1)
                )
                (i32.const 2)
               )
              )
             )
            )
           )
          )
          (local.set $36
           (i32.add
            (local.get $36)
            (i32.const 1)
           )
          )
          (br $loop19)
         )
        )
       )
       (block
        (local.set $41
         (i32.const 1)
        )
        (local.set $38
         (i32.const 0)
        )
        (block $exit22
         (loop $loop23
          (br_if $exit22
           (i32.ge_s
            (local.get $38)
            (local.get $41)
           )
          )
          (block
           (local.set $40
            (i32.const 1024)
           )
           (local.set $39
            (i32.const 0)
           )
           (block $exit20
            (loop $loop21
             (br_if $exit20
              (i32.ge_s
               (local.get $39)
               (local.get $40)
              )
             )
             (v128.store align=4
              (i32.add
               (i32.add
                (local.get $4)
                (i32.const 0)
               )
               (i32.shl
                (i32.add
                 (i32.mul
                  (local.get $38)
                  (i32.const 1024)
                 )
                 (i32.mul
                  (local.get $39)
                  (i32.const 1)
                 )
                )
                (i32.const 2)
               )
              )
              (v128.bitselect
               (f32x4.splat
                (f32.const 0)
               )
               (call $exp_f32x4
                (f32x4.sub
                 (v128.load align=4
                  (i32.add
                   (i32.add
                    (local.get $4)
                    (i32.const 0)
                   )
                   (i32.shl
                    (i32.add
                     (i32.mul
                      (local.get $38)
                      (i32.const 1024)
                     )
                     (i32.mul
                      (local.get $39)
                      (i32.const 1)
                     )
                    )
                    (i32.const 2)
                   )
                  )
                 )
                 (f32x4.splat
                  (f32.load
                   (i32.add
                    (i32.add
                     (local.get $4)
                     (i32.const 4096)
                    )
                    (i32.shl
                     (i32.mul
                      (local.get $38)
                      (i32.const 1)
                     )
                     (i32.const 2)
                    )
                   )
                  )
                 )
                )
               )
               (f32x4.eq
                (v128.load align=4
                 (i32.add
                  (i32.add
                   (local.get $4)
                   (i32.const 0)
                  )
                  (i32.shl
                   (i32.add
                    (i32.mul
                     (local.get $38)
                     (i32.const 1024)
                    )
                    (i32.mul
                     (local.get $39)
                     (i32.const 1)
                    )
                   )
                   (i32.const 2)
                  )
                 )
                )
                (f32x4.splat
                 (f32.const -inf)
                )
               )
              )
             )
             (local.set $39
              (i32.add
               (local.get $39)
               (i32.const 4)
              )
             )
             (br $loop21)
            )
           )
          )
          (local.set $38
           (i32.add
            (local.get $38)
            (i32.const 1)
           )
          )
          (br $loop23)
         )
        )
       )
       (block
        (local.set $47
         (i32.const 1)
        )
        (local.set $42
         (i32.const 0)
        )
        (block $exit26
         (loop $loop27
          (br_if $exit26
           (i32.ge_s
            (local.get $42)
            (local.get $47)
           )
          )
          (local.set $45
           (f32x4.splat
            (f32.const 0)
           )
          )
          (block
           (local.set $46
            (i32.const 1024)
           )
           (local.set $43
            (i32.const 0)
           )
           (block $exit24
            (loop $loop25
             (br_if $exit24
              (i32.ge_s
               (local.get $43)
               (local.get $46)
              )
             )
             (local.set $45
              (f32x4.add
               (local.get $45)
               (v128.load align=4
                (i32.add
                 (i32.add
                  (local.get $4)
                  (i32.const 0)
                 )
                 (i32.shl
                  (i32.add
                   (i32.mul
                    (local.get $42)
                    (i32.const 1024)
                   )
                   (local.get $43)
                  )
                  (i32.const 2)
                 )
                )
               )
              )
             )
             (local.set $43
              (i32.add
               (local.get $43)
               (i32.const 4)
              )
             )
             (br $loop25)
            )
           )
          )
          (local.set $44
           (f32.add
            (f32.add
             (f32x4.extract_lane 0
              (local.get $45)
             )
             (f32x4.extract_lane 1
              (local.get $45)
             )
            )
            (f32.add
             (f32x4.extract_lane 2
              (local.get $45)
             )
             (f32x4.extract_lane 3
              (local.get $45)
             )
            )
           )
          )
          (f32.store
           (i32.add
            (i32.add
             (local.get $4)
             (i32.const 4160)
            )
            (i32.shl
             (local.get $42)
             (i32.const 2)
            )
           )
           (f32.add
            (f32.load
             (i32.add
              (i32.add
               (local.get $4)
               (i32.const 4160)
              )
              (i32.shl
               (local.get $42)
               (i32.const 2)
              )
             )
            )
            (local.get $44)
           )
          )
          (local.set $42
           (i32.add
            (local.get $42)
            (i32.const 1)
           )
          )
          (br $loop27)
         )
        )
       )
       (local.set $19
        (i32.add
         (local.get $19)
         (i32.const 1)
        )
       )
       (br $loop29)
      )
     )
    )
    (block
     (local.set $74
      (i32.div_s
       (i32.sub
        (i32.add
         (local.get $3)
         (i32.const 1024)
        )
        (i32.const 1)
       )
       (i32.const 1024)
      )
     )
     (local.set $49
      (i32.const 0)
     )
     (block $exit50
      (loop $loop51
       (br_if $exit50
        (i32.ge_s
         (local.get $49)
         (local.get $74)
        )
       )
       (if
        (i32.and
         (i32.and
          (i32.ge_s
           (local.get $10)
           (i32.const 0)
          )
          (i32.le_s
           (i32.add
            (local.get $10)
            (i32.const 1)
           )
           (local.get $2)
          )
         )
         (i32.and
          (i32.ge_s
           (i32.mul
            (local.get $49)
            (i32.const 1024)
           )
           (i32.const 0)
          )
          (i32.le_s
           (i32.add
            (i32.mul
             (local.get $49)
             (i32.const 1024)
            )
            (i32.const 1024)
           )
           (local.get $3)
          )
         )
        )
        (then
         (local.set $59
          (i32.const 1)
         )
         (local.set $54
          (i32.const 0)
         )
         (block $exit36
          (loop $loop37
           (br_if $exit36
            (i32.ge_s
             (local.get $54)
             (local.get $59)
            )
           )
           (block
            (local.set $55
             (i32.add
              (i32.add
               (local.get $4)
               (i32.const 0)
              )
              (i32.mul
               (local.get $54)
               (i32.const 4096)
              )
             )
            )
            (local.set $56
             (i32.add
              (local.get $0)
              (i32.shl
               (i32.add
                (i32.mul
                 (i32.add
                  (local.get $10)
                  (local.get $54)
                 )
                 (local.get $3)
                )
                (i32.mul
                 (local.get $49)
                 (i32.const 1024)
                )
               )
               (i32.const 2)
              )
             )
            )
            (block
             (local.set $58
              (i32.const 4096)
             )
             (local.set $57
              (i32.const 0)
             )
             (block $exit34
              (loop $loop35
               (br_if $exit34
                (i32.ge_s
                 (local.get $57)
                 (local.get $58)
                )
               )
               (v128.store
                (i32.add
                 (local.get $55)
                 (local.get $57)
                )
                (v128.load align=4
                 (i32.add
                  (local.get $56)
                  (local.get $57)
                 )
                )
               )
               (local.set $57
                (i32.add
                 (local.get $57)
                 (i32.const 16)
                )
               )
               (br $loop35)
              )
             )
            )
           )
           (local.set $54
            (i32.add
             (local.get $54)
             (i32.const 1)
            )
           )
           (br $loop37)
          )
         )
        )
        (else
         (local.set $53
          (i32.const 1)
         )
         (local.set $50
          (i32.const 0)
         )
         (block $exit32
          (loop $loop33
           (br_if $exit32
            (i32.ge_s
             (local.get $50)
             (local.get $53)
            )
           )
           (block
            (local.set $52
             (i32.const 1024)
            )
            (local.set $51
             (i32.const 0)
            )
            (block $exit30
             (loop $loop31
              (br_if $exit30
               (i32.ge_s
                (local.get $51)
                (local.get $52)
               )
              )
              (f32.store
               (i32.add
                (i32.add
                 (local.get $4)
                 (i32.const 0)
                )
                (i32.shl
                 (i32.add
                  (i32.mul
                   (local.get $50)
                   (i32.const 1024)
                  )
                  (i32.mul
                   (local.get $51)
                   (i32.const 1)
                  )
                 )
                 (i32.const 2)
                )
               )
               (if (result f32)
                (i32.and
                 (i32.and
                  (i32.ge_s
                   (i32.add
                    (local.get $10)
                    (local.get $50)
                   )
                   (i32.const 0)
                  )
                  (i32.lt_s
                   (i32.add
                    (local.get $10)
                    (local.get $50)
                   )
                   (local.get $2)
                  )
                 )
                 (i32.and
                  (i32.ge_s
                   (i32.add
                    (i32.mul
                     (local.get $49)
                     (i32.const 1024)
                    )
                    (local.get $51)
                   )
                   (i32.const 0)
                  )
                  (i32.lt_s
                   (i32.add
                    (i32.mul
                     (local.get $49)
                     (i32.const 1024)
                    )
                    (local.get $51)
                   )
                   (local.get $3)
                  )
                 )
                )
                (then
                 (f32.load
                  (i32.add
                   (local.get $0)
                   (i32.shl
                    (i32.add
                     (i32.mul
                      (i32.add
                       (local.get $10)
                       (local.get $50)
                      )
                      (local.get $3)
                     )
                     (i32.add
                      (i32.mul
                       (local.get $49)
                       (i32.const 1024)
                      )
                      (local.get $51)
                     )
                    )
                    (i32.const 2)
                   )
                  )
                 )
                )
                (else
                 (f32.const -inf)
                )
               )
              )
              (local.set $51
               (i32.add
                (local.get $51)
                (i32.const 1)
               )
              )
              (br $loop31)
             )
            )
           )
           (local.set $50
            (i32.add
             (local.get $50)
             (i32.const 1)
            )
           )
           (br $loop33)
          )
         )
        )
       )
       (block
        (local.set $63
         (i32.const 1)
        )
        (local.set $60
         (i32.const 0)
        )
        (block $exit40
         (loop $loop41
          (br_if $exit40
           (i32.ge_s
            (local.get $60)
            (local.get $63)
           )
          )
          (block
           (local.set $62
            (i32.const 1024)
           )
           (local.set $61
            (i32.const 0)
           )
           (block $exit38
            (loop $loop39
             (br_if $exit38
              (i32.ge_s
               (local.get $61)
               (local.get $62)
              )
             )
             (v128.store align=4
              (i32.add
               (i32.add
                (local.get $4)
                (i32.const 0)
               )
               (i32.shl
                (i32.add
                 (i32.mul
                  (local.get $60)
                  (i32.const 1024)
                 )
                 (i32.mul
                  (local.get $61)
                  (i32.const 1)
                 )
                )
                (i32.const 2)
               )
              )
              (v128.bitselect
               (f32x4.div
                (v128.bitselect
                 (f32x4.splat
                  (f32.const 0)
                 )
                 (call $exp_f32x4
                  (f32x4.sub
                   (v128.load align=4
                    (i32.add
                     (i32.add
                      (local.get $4)
                      (i32.const 0)
                     )
                     (i32.shl
                      (i32.add
                       (i32.mul
                        (local.get $60)
                        (i32.const 1024)
                       )
                       (i32.mul
                        (local.get $61)
                        (i32.const 1)
                       )
                      )
                      (i32.const 2)
                     )
                    )
                   )
                   (f32x4.splat
                    (f32.load
                     (i32.add
                      (i32.add
                       (local.get $4)
                       (i32.const 4096)
                      )
                      (i32.shl
                       (i32.mul
                        (local.get $60)
                        (i32.const 1)
                       )
                       (i32.const 2)
                      )
                     )
                    )
                   )
                  )
                 )
                 (f32x4.eq
                  (v128.load align=4
                   (i32.add
                    (i32.add
                     (local.get $4)
                     (i32.const 0)
                    )
                    (i32.shl
                     (i32.add
                      (i32.mul
                       (local.get $60)
                       (i32.const 1024)
                      )
                      (i32.mul
                       (local.get $61)
                       (i32.const 1)
                      )
                     )
                     (i32.const 2)
                    )
                   )
                  )
                  (f32x4.splat
                   (f32.const -inf)
                  )
                 )
                )
                (f32x4.splat
                 (f32.load
                  (i32.add
                   (i32.add
                    (local.get $4)
                    (i32.const 4160)
                   )
                   (i32.shl
                    (i32.mul
                     (local.get $60)
                     (i32.const 1)
                    )
                    (i32.const 2)
                   )
                  )
                 )
                )
               )
               (f32x4.splat
                (f32.const 0)
               )
               (i32x4.splat
                (i32.sub
                 (i32.const 0)
                 (f32.gt
                  (f32.load
                   (i32.add
                    (i32.add
                     (local.get $4)
                     (i32.const 4160)
                    )
                    (i32.shl
                     (i32.mul
                      (local.get $60)
                      (i32.const 1)
                     )
                     (i32.const 2)
                    )
                   )
                  )
                  (f32.const 0)
                 )
                )
               )
              )
             )
             (local.set $61
              (i32.add
               (local.get $61)
               (i32.const 4)
              )
             )
             (br $loop39)
            )
           )
          )
          (local.set $60
           (i32.add
            (local.get $60)
            (i32.const 1)
           )
          )
          (br $loop41)
         )
        )
       )
       (if
        (i32.and
         (i32.and
          (i32.ge_s
           (local.get $10)
           (i32.const 0)
          )
          (i32.le_s
           (i32.add
            (local.get $10)
            (i32.const 1)
           )
           (local.get $2)
          )
         )
         (i32.and
          (i32.ge_s
           (i32.mul
            (local.get $49)
            (i32.const 1024)
           )
           (i32.const 0)
          )
          (i32.le_s
           (i32.add
            (i32.mul
             (local.get $49)
             (i32.const 1024)
            )
            (i32.const 1024)
           )
           (local.get $3)
          )
         )
        )
        (then
         (local.set $73
          (i32.const 1)
         )
         (local.set $68
          (i32.const 0)
         )
         (block $exit48
          (loop $loop49
           (br_if $exit48
            (i32.ge_s
             (local.get $68)
             (local.get $73)
            )
           )
           (block
            (local.set $69
             (i32.add
              (local.get $1)
              (i32.shl
               (i32.add
                (i32.mul
                 (i32.add
                  (local.get $10)
                  (local.get $68)
                 )
                 (local.get $3)
                )
                (i32.mul
                 (local.get $49)
                 (i32.const 1024)
                )
               )
               (i32.const 2)
              )
             )
            )
            (local.set $70
             (i32.add
              (i32.add
               (local.get $4)
               (i32.const 0)
              )
              (i32.mul
               (local.get $68)
               (i32.const 4096)
              )
             )
            )
            (block
             (local.set $72
              (i32.const 4096)
             )
             (local.set $71
              (i32.const 0)
             )
             (block $exit46
              (loop $loop47
               (br_if $exit46
                (i32.ge_s
                 (local.get $71)
                 (local.get $72)
                )
               )
               (v128.store
                (i32.add
                 (local.get $69)
                 (local.get $71)
                )
                (v128.load align=4
                 (i32.add
                  (local.get $70)
                  (local.get $71)
                 )
                )
               )
               (local.set $71
                (i32.add
                 (local.get $71)
                 (i32.const 16)
                )
               )
               (br $loop47)
              )
             )
            )
           )
           (local.set $68
            (i32.add
             (local.get $68)
             (i32.const 1)
            )
           )
           (br $loop49)
          )
         )
        )
        (else
         (local.set $67
          (i32.const 1)
         )
         (local.set $64
          (i32.const 0)
         )
         (block $exit44
          (loop $loop45
           (br_if $exit44
            (i32.ge_s
             (local.get $64)
             (local.get $67)
            )
           )
           (block
            (local.set $66
             (i32.const 1024)
            )
            (local.set $65
             (i32.const 0)
            )
            (block $exit42
             (loop $loop43
              (br_if $exit42
               (i32.ge_s
                (local.get $65)
                (local.get $66)
               )
              )
              (if
               (i32.and
                (i32.and
                 (i32.ge_s
                  (i32.add
                   (local.get $10)
                   (local.get $64)
                  )
                  (i32.const 0)
                 )
                 (i32.lt_s
                  (i32.add
                   (local.get $10)
                   (local.get $64)
                  )
                  (local.get $2)
                 )
                )
                (i32.and
                 (i32.ge_s
                  (i32.add
                   (i32.mul
                    (local.get $49)
                    (i32.const 1024)
                   )
                   (local.get $65)
                  )
                  (i32.const 0)
                 )
                 (i32.lt_s
                  (i32.add
                   (i32.mul
                    (local.get $49)
                    (i32.const 1024)
                   )
                   (local.get $65)
                  )
                  (local.get $3)
                 )
                )
               )
               (then
                (f32.store
                 (i32.add
                  (local.get $1)
                  (i32.shl
                   (i32.add
                    (i32.mul
                     (i32.add
                      (local.get $10)
                      (local.get $64)
                     )
                     (local.get $3)
                    )
                    (i32.add
                     (i32.mul
                      (local.get $49)
                      (i32.const 1024)
                     )
                     (local.get $65)
                    )
                   )
                   (i32.const 2)
                  )
                 )
                 (f32.load
                  (i32.add
                   (i32.add
                    (local.get $4)
                    (i32.const 0)
                   )
                   (i32.shl
                    (i32.add
                     (i32.mul
                      (local.get $64)
                      (i32.const 1024)
                     )
                     (i32.mul
                      (local.get $65)
                      (i32.const 1)
                     )
                    )
                    (i32.const 2)
                   )
                  )
                 )
                )
               )
              )
              (local.set $65
               (i32.add
                (local.get $65)
                (i32.const 1)
               )
              )
              (br $loop43)
             )
            )
           )
           (local.set $64
            (i32.add
             (local.get $64)
             (i32.const 1)
            )
           )
           (br $loop45)
          )
         )
        )
       )
       (local.set $49
        (i32.add
         (local.get $49)
         (i32.const 1)
        )
       )
       (br $loop51)
      )
     )
    )
    (local.set $7
     (i32.add
      (local.get $7)
      (i32.const 1)
     )
    )
    (br $blocks1)
   )
  )
 )
)
