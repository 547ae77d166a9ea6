(module
 (type $0 (func (param v128) (result v128)))
 (type $1 (func (param i32 i32 i32 i32 f32 i32 i32 i32)))
 (import "env" "memory" (memory $0 1 65536 shared))
 (export "swiglu_4096" (func $swiglu_4096))
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
 (func $swiglu_4096 (param $0 i32) (param $1 i32) (param $2 i32) (param $3 i32) (param $4 f32) (param $5 i32) (param $6 i32) (param $7 i32)
  (local $8 i32)
  (local $9 i32)
  (local $10 i32)
  (local $11 i32)
  (local $12 i32)
  (local $13 v128)
  (local $14 i32)
  (local.set $10
   (i32.div_s
    (i32.sub
     (i32.add
      (local.get $3)
      (i32.const 4096)
     )
     (i32.const 1)
    )
    (i32.const 4096)
   )
  )
  (local.set $8
   (local.get $6)
  )
  (block $done0
   (loop $blocks1
    (br_if $done0
     (i32.ge_s
      (local.get $8)
      (local.get $7)
     )
    )
    (local.set $9
     (local.get $8)
    )
    (local.set $11
     (local.get $9)
    )
    (block
     (local.set $14
      (i32.const 4096)
     )
     (local.set $12
      (i32.const 0)
     )
     (block $exit2
      (loop $loop3
       (br_if $exit2
        (i32.ge_s
         (local.get $12)
         (local.get $14)
        )
       )
       (block
        (local.set $13
         (f32x4.mul
          (f32x4.mul
           (v128.bitselect
            (f32x4.splat
             (local.get $4)
            )
            (if (result v128)
             (i32.and
              (i32.and
               (i32.ge_s
                (i32.add
                 (i32.add
                  (i32.mul
                   (local.get $11)
                   (i32.const 4096)
                  )
                  (local.get $12)
                 )
                 (i32.const 0)
                )
                (i32.const 0)
               )
               (i32.lt_s
                (i32.add
                 (i32.add
                  (i32.mul
                   (local.get $11)
                   (i32.const 4096)
                  )
                  (local.get $12)
                 )
                 (i32.const 0)
                )
                (local.get $3)
               )
              )
              (i32.and
               (i32.ge_s
                (i32.add
                 (i32.add
                  (i32.mul
                   (local.get $11)
                   (i32.const 4096)
                  )
                  (local.get $12)
                 )
                 (i32.const 3)
                )
                (i32.const 0)
               )
               (i32.lt_s
                (i32.add
                 (i32.add
                  (i32.mul
                   (local.get $11)
                   (i32.const 4096)
                  )
                  (local.get $12)
                 )
                 (i32.const 3)
                )
                (local.get $3)
               )
              )
             )
             (then
              (v128.load align=4
               (i32.add
                (local.get $0)
                (i32.shl
                 (i32.add
                  (i32.mul
                   (local.get $11)
                   (i32.const 4096)
                  )
                  (local.get $12)
                 )
                 (i32.const 2)
                )
               )
              )
             )
             (else
              (f32x4.replace_lane 3
               (f32x4.replace_lane 2
                (f32x4.replace_lane 1
                 (f32x4.replace_lane 0
                  (v128.const i32x4 0x00000000 0x00000000 0x00000000 0x00000000)
                  (if (result f32)
                   (i32.and
                    (i32.ge_s
                     (i32.add
                      (i32.add
                       (i32.mul
                        (local.get $11)
                        (i32.const 4096)
                       )
                       (local.get $12)
                      )
                      (i32.const 0)
                     )
                     (i32.const 0)
                    )
                    (i32.lt_s
                     (i32.add
                      (i32.add
                       (i32.mul
                        (local.get $11)
                        (i32.const 4096)
                       )
                       (local.get $12)
                      )
                      (i32.const 0)
                     )
                     (local.get $3)
                    )
                   )
                   (then
                    (f32.load
                     (i32.add
                      (local.get $0)
                      (i32.shl
                       (i32.add
                        (i32.add
                         (i32.mul
                          (local.get $11)
                          (i32.const 4096)
                         )
                         (local.get $12)
                        )
                        (i32.const 0)
                       )
                       (i32.const 2)
                      )
                     )
                    )
                   )
                   (else
                    (f32.const 0)
                   )
                  )
                 )
                 (if (result f32)
                  (i32.and
                   (i32.ge_s
                    (i32.add
                     (i32.add
                      (i32.mul
                       (local.get $11)
                       (i32.const 4096)
                      )
                      (local.get $12)
                     )
                     (i32.const 1)
                    )
                    (i32.const 0)
                   )
                   (i32.lt_s
                    (i32.add
                     (i32.add
                      (i32.mul
                       (local.get $11)
                       (i32.const 4096)
                      )
                      (local.get $12)
                     )
                     (i32.const 1)
                    )
                    (local.get $3)
                   )
                  )
                  (then
                   (f32.load
                    (i32.add
                     (local.get $0)
                     (i32.shl
                      (i32.add
                       (i32.add
                        (i32.mul
                         (local.get $11)
                         (i32.const 4096)
                        )
                        (local.get $12)
                       )
                       (i32.const 1)
                      )
                      (i32.const 2)
                     )
                    )
                   )
                  )
                  (else
                   (f32.const 0)
                  )
                 )
                )
                (if (result f32)
                 (i32.and
                  (i32.ge_s
                   (i32.add
                    (i32.add
                     (i32.mul
                      (local.get $11)
                      (i32.const 4096)
                     )
                     (local.get $12)
                    )
                    (i32.const 2)
                   )
                   (i32.const 0)
                  )
                  (i32.lt_s
                   (i32.add
                    (i32.add
                     (i32.mul
                      (local.get $11)
                      (i32.const 4096)
                     )
                     (local.get $12)
                    )
                    (i32.const 2)
                   )
                   (local.get $3)
                  )
                 )
                 (then
                  (f32.load
                   (i32.add
                    (local.get $0)
                    (i32.shl
                     (i32.add
                      (i32.add
                       (i32.mul
                        (local.get $11)
                        (i32.const 4096)
                       )
                       (local.get $12)
                      )
                      (i32.const 2)
                     )
                     (i32.const 2)
                    )
                   )
                  )
                 )
                 (else
                  (f32.const 0)
                 )
                )
               )
               (if (result f32)
                (i32.and
                 (i32.ge_s
                  (i32.add
                   (i32.add
                    (i32.mul
                     (local.get $11)
                     (i32.const 4096)
                    )
                    (local.get $12)
                   )
                   (i32.const 3)
                  )
                  (i32.const 0)
                 )
                 (i32.lt_s
                  (i32.add
                   (i32.add
                    (i32.mul
                     (local.get $11)
                     (i32.const 4096)
                    )
                    (local.get $12)
                   )
                   (i32.const 3)
                  )
                  (local.get $3)
                 )
                )
                (then
                 (f32.load
                  (i32.add
                   (local.get $0)
                   (i32.shl
                    (i32.add
                     (i32.add
                      (i32.mul
                       (local.get $11)
                       (i32.const 4096)
                      )
                      (local.get $12)
                     )
                     (i32.const 3)
                    )
                    (i32.const 2)
                   )
                  )
                 )
                )
                (else
                 (f32.const 0)
                )
               )
              )
             )
            )
            (v128.and
             (i32x4.splat
              (i32.sub
               (i32.const 0)
               (f32.gt
                (local.get $4)
                (f32.const 0)
               )
              )
             )
             (f32x4.gt
              (if (result v128)
               (i32.and
                (i32.and
                 (i32.ge_s
                  (i32.add
                   (i32.add
                    (i32.mul
                     (local.get $11)
                     (i32.const 4096)
                    )
                    (local.get $12)
                   )
                   (i32.const 0)
                  )
                  (i32.const 0)
                 )
                 (i32.lt_s
                  (i32.add
                   (i32.add
                    (i32.mul
                     (local.get $11)
                     (i32.const 4096)
                    )
                    (local.get $12)
                   )
                   (i32.const 0)
                  )
                  (local.get $3)
                 )
                )
                (i32.and
                 (i32.ge_s
                  (i32.add
                   (i32.add
                    (i32.mul
                     (local.get $11)
                     (i32.const 4096)
                    )
                    (local.get $12)
                   )
                   (i32.const 3)
                  )
                  (i32.const 0)
                 )
                 (i32.lt_s
                  (i32.add
                   (i32.add
                    (i32.mul
                     (local.get $11)
                     (i32.const 4096)
                    )
                    (local.get $12)
                   )
                   (i32.const 3)
                  )
                  (local.get $3)
                 )
                )
               )
               (then
                (v128.load align=4
                 (i32.add
                  (local.get $0)
                  (i32.shl
                   (i32.add
                    (i32.mul
                     (local.get $11)
                     (i32.const 4096)
                    )
                    (local.get $12)
                   )
                   (i32.const 2)
                  )
                 )
                )
               )
               (else
                (f32x4.replace_lane 3
                 (f32x4.replace_lane 2
                  (f32x4.replace_lane 1
                   (f32x4.replace_lane 0
                    (v128.const i32x4 0x00000000 0x00000000 0x00000000 0x00000000)
                    (if (result f32)
                     (i32.and
                      (i32.ge_s
                       (i32.add
                        (i32.add
                         (i32.mul
                          (local.get $11)
                          (i32.const 4096)
                         )
                         (local.get $12)
                        )
                        (i32.const 0)
                       )
                       (i32.const 0)
                      )
                      (i32.lt_s
                       (i32.add
                        (i32.add
                         (i32.mul
                          (local.get $11)
                          (i32.const 4096)
                         )
                         (local.get $12)
                        )
                        (i32.const 0)
                       )
                       (local.get $3)
                      )
                     )
                     (then
                      (f32.load
                       (i32.add
                        (local.get $0)
                        (i32.shl
                         (i32.add
                          (i32.add
                           (i32.mul
                            (local.get $11)
                            (i32.const 4096)
                           )
                           (local.get $12)
                          )
                          (i32.const 0)
                         )
                         (i32.const 2)
                        )
                       )
                      )
                     )
                     (else
                      (f32.const 0)
                     )
                    )
                   )
                   (if (result f32)
                    (i32.and
                     (i32.ge_s
                      (i32.add
                       (i32.add
                        (i32.mul
                         (local.get $11)
                         (i32.const 4096)
                        )
                        (local.get $12)
                       )
                       (i32.const 1)
                      )
                      (i32.const 0)
                     )
                     (i32.lt_s
                      (i32.add
                       (i32.add
                        (i32.mul
                         (local.get $11)
                         (i32.const 4096)
                        )
                        (local.get $12)
                       )
                       (i32.const 1)
                      )
                      (local.get $3)
                     )
                    )
                    (then
                     (f32.load
                      (i32.add
                       (local.get $0)
                       (i32.shl
                        (i32.add
                         (i32.add
                          (i32.mul
                           (local.get $11)
                           (i32.const 4096)
                          )
                          (local.get $12)
                         )
                         (i32.const 1)
                        )
                        (i32.const 2)
                       )
                      )
                     )
                    )
                    (else
                     (f32.const 0)
                    )
                   )
                  )
                  (if (result f32)
                   (i32.and
                    (i32.ge_s
                     (i32.add
                      (i32.add
                       (i32.mul
                        (local.get $11)
                        (i32.const 4096)
                       )
                       (local.get $12)
                      )
                      (i32.const 2)
                     )
                     (i32.const 0)
                    )
                    (i32.lt_s
                     (i32.add
                      (i32.add
                       (i32.mul
                        (local.get $11)
                        (i32.const 4096)
                       )
                       (local.get $12)
                      )
                      (i32.const 2)
                     )
                     (local.get $3)
                    )
                   )
                   (then
                    (f32.load
                     (i32.add
                      (local.get $0)
                      (i32.shl
                       (i32.add
                        (i32.add
                         (i32.mul
                          (local.get $11)
                          (i32.const 4096)
                         )
                         (local.get $12)
                        )
                        (i32.const 2)
                       )
                       (i32.const 2)
                      )
                     )
                    )
                   )
                   (else
                    (f32.const 0)
                   )
                  )
                 )
                 (if (result f32)
                  (i32.and
                   (i32.ge_s
                    (i32.add
                     (i32.add
                      (i32.mul
                       (local.get $11)
                       (i32.const 4096)
                      )
                      (local.get $12)
                     )
                     (i32.const 3)
                    )
                    (i32.const 0)
                   )
                   (i32.lt_s
                    (i32.add
                     (i32.add
                      (i32.mul
                       (local.get $11)
                       (i32.const 4096)
                      )
                      (local.get $12)
                     )
                     (i32.const 3)
                    )
                    (local.get $3)
                   )
                  )
                  (then
                   (f32.load
                    (i32.add
                     (local.get $0)
                     (i32.shl
                      (i32.add
                       (i32.add
                        (i32.mul
                         (local.get $11)
                         (i32.const 4096)
                        )
                        (local.get $12)
                       )
                       (i32.const 3)
                      )
                      (i32.const 2)
                     )
                    )
                   )
                  )
                  (else
                   (f32.const 0)
                  )
                 )
                )
               )
              )
              (f32x4.splat
               (local.get $4)
              )
             )
            )
           )
           (f32x4.div
            (v128.bitselect
             (f32x4.splat
              (f32.const 1)
             )
             (call $exp_f32x4
              (f32x4.neg
               (f32x4.abs
                (v128.bitselect
                 (f32x4.splat
                  (local.get $4)
                 )
                 (if (result v128)
                  (i32.and
                   (i32.and
                    (i32.ge_s
                     (i32.add
                      (i32.add
                       (i32.mul
                        (local.get $11)
                        (i32.const 4096)
                       )
                       (local.get $12)
                      )
                      (i32.const 0)
                     )
                     (i32.const 0)
                    )
                    (i32.lt_s
                     (i32.add
                      (i32.add
                       (i32.mul
                        (local.get $11)
                        (i32.const 4096)
                       )
                       (local.get $12)
                      )
                      (i32.const 0)
                     )
                     (local.get $3)
                    )
                   )
                   (i32.and
                    (i32.ge_s
                     (i32.add
                      (i32.add
                       (i32.mul
                        (local.get $11)
                        (i32.const 4096)
                       )
                       (local.get $12)
                      )
                      (i32.const 3)
                     )
                     (i32.const 0)
                    )
                    (i32.lt_s
                     (i32.add
                      (i32.add
                       (i32.mul
                        (local.get $11)
                        (i32.const 4096)
                       )
                       (local.get $12)
                      )
                      (i32.const 3)
                     )
                     (local.get $3)
                    )
                   )
                  )
                  (then
                   (v128.load align=4
                    (i32.add
                     (local.get $0)
                     (i32.shl
                      (i32.add
                       (i32.mul
                        (local.get $11)
                        (i32.const 4096)
                       )
                       (local.get $12)
                      )
                      (i32.const 2)
                     )
                    )
                   )
                  )
                  (else
                   (f32x4.replace_lane 3
                    (f32x4.replace_lane 2
                     (f32x4.replace_lane 1
                      (f32x4.replace_lane 0
                       (v128.const i32x4 0x00000000 0x00000000 0x00000000 0x00000000)
                       (if (result f32)
                        (i32.and
                         (i32.ge_s
                          (i32.add
                           (i32.add
                            (i32.mul
                             (local.get $11)
                             (i32.const 4096)
                            )
                            (local.get $12)
                           )
                           (i32.const 0)
                          )
                          (i32.const 0)
                         )
                         (i32.lt_s
                          (i32.add
                           (i32.add
                            (i32.mul
                             (local.get $11)
                             (i32.const 4096)
                            )
                            (local.get $12)
                           )
                           (i32.const 0)
                          )
                          (local.get $3)
                         )
                        )
                        (then
                         (f32.load
                          (i32.add
                           (local.get $0)
                           (i32.shl
                            (i32.add
                             (i32.add
                              (i32.mul
                               (local.get $11)
                               (i32.const 4096)
                              )
                              (local.get $12)
                             )
                             (i32.const 0)
                            )
                            (i32.const 2)
                           )
                          )
                         )
                        )
                        (else
                         (f32.const 0)
                        )
                       )
                      )
                      (if (result f32)
                       (i32.and
                        (i32.ge_s
                         (i32.add
                          (i32.add
                           (i32.mul
                            (local.get $11)
                            (i32.const 4096)
                           )
                           (local.get $12)
                          )
                          (i32.const 1)
                         )
                         (i32.const 0)
                        )
                        (i32.lt_s
                         (i32.add
                          (i32.add
                           (i32.mul
                            (local.get $11)
                            (i32.const 4096)
                           )
                           (local.get $12)
                          )
                          (i32.const 1)
                         )
                         (local.get $3)
                        )
                       )
                       (then
                        (f32.load
                         (i32.add
                          (local.get $0)
                          (i32.shl
                           (i32.add
                            (i32.add
                             (i32.mul
                              (local.get $11)
                              (i32.const 4096)
                             )
                             (local.get $12)
                            )
                            (i32.const 1)
                           )
                           (i32.const 2)
                          )
                         )
                        )
                       )
                       (else
                        (f32.const 0)
                       )
                      )
                     )
                     (if (result f32)
                      (i32.and
                       (i32.ge_s
                        (i32.add
                         (i32.add
                          (i32.mul
                           (local.get $11)
                           (i32.const 4096)
                          )
                          (local.get $12)
                         )
                         (i32.const 2)
                        )
                        (i32.const 0)
                       )
                       (i32.lt_s
                        (i32.add
                         (i32.add
                          (i32.mul
                           (local.get $11)
                           (i32.const 4096)
                          )
                          (local.get $12)
                         )
                         (i32.const 2)
                        )
                        (local.get $3)
                       )
                      )
                      (then
                       (f32.load
                        (i32.add
                         (local.get $0)
                         (i32.shl
                          (i32.add
                           (i32.add
                            (i32.mul
                             (local.get $11)
                             (i32.const 4096)
                            )
                            (local.get $12)
                           )
                           (i32.const 2)
                          )
                          (i32.const 2)
                         )
                        )
                       )
                      )
                      (else
                       (f32.const 0)
                      )
                     )
                    )
                    (if (result f32)
                     (i32.and
                      (i32.ge_s
                       (i32.add
                        (i32.add
                         (i32.mul
                          (local.get $11)
                          (i32.const 4096)
                         )
                         (local.get $12)
                        )
                        (i32.const 3)
                       )
                       (i32.const 0)
                      )
                      (i32.lt_s
                       (i32.add
                        (i32.add
                         (i32.mul
                          (local.get $11)
                          (i32.const 4096)
                         )
                         (local.get $12)
                        )
                        (i32.const 3)
                       )
                       (local.get $3)
                      )
                     )
                     (then
                      (f32.load
                       (i32.add
                        (local.get $0)
                        (i32.shl
                         (i32.add
                          (i32.add
                           (i32.mul
                            (local.get $11)
                            (i32.const 4096)
                           )
                           (local.get $12)
                          )
                          (i32.const 3)
                         )
                         (i32.const 2)
                        )
                       )
                      )
                     )
                     (else
                      (f32.const 0)
                     )
                    )
                   )
                  )
                 )
                 (v128.and
                  (i32x4.splat
                   (i32.sub
                    (i32.const 0)
                    (f32.gt
                     (local.get $4)
                     (f32.const 0)
                    )
                   )
                  )
                  (f32x4.gt
                   (if (result v128)
                    (i32.and
                     (i32.and
                      (i32.ge_s
                       (i32.add
                        (i32.add
                         (i32.mul
                          (local.get $11)
                          (i32.const 4096)
                         )
                         (local.get $12)
                        )
                        (i32.const 0)
                       )
                       (i32.const 0)
                      )
                      (i32.lt_s
                       (i32.add
                        (i32.add
                         (i32.mul
                          (local.get $11)
                          (i32.const 4096)
                         )
                         (local.get $12)
                        )
                        (i32.const 0)
                       )
                       (local.get $3)
                      )
                     )
                     (i32.and
                      (i32.ge_s
                       (i32.add
                        (i32.add
                         (i32.mul
                          (local.get $11)
                          (i32.const 4096)
                         )
                         (local.get $12)
                        )
                        (i32.const 3)
                       )
                       (i32.const 0)
                      )
                      (i32.lt_s
                       (i32.add
                        (i32.add
                         (i32.mul
                          (local.get $11)
                          (i32.const 4096)
                         )
                         (local.get $12)
                        )
                        (i32.const 3)
                       )
                       (local.get $3)
                      )
                     )
                    )
                    (then
                     (v128.load align=4
                      (i32.add
                       (local.get $0)
                       (i32.shl
                        (i32.add
                         (i32.mul
                          (local.get $11)
                          (i32.const 4096)
                         )
                         (local.get $12)
                        )
                        (i32.const 2)
                       )
                      )
                     )
                    )
                    (else
                     (f32x4.replace_lane 3
                      (f32x4.replace_lane 2
                       (f32x4.replace_lane 1
                        (f32x4.replace_lane 0
                         (v128.const i32x4 0x00000000 0x00000000 0x00000000 0x00000000)
                         (if (result f32)
                          (i32.and
                           (i32.ge_s
                            (i32.add
                             (i32.add
                              (i32.mul
                               (local.get $11)
                               (i32.const 4096)
                              )
                              (local.get $12)
                             )
                             (i32.const 0)
                            )
                            (i32.const 0)
                           )
                           (i32.lt_s
                            (i32.add
                             (i32.add
                              (i32.mul
                               (local.get $11)
                               (i32.const 4096)
                              )
                              (local.get $12)
                             )
                             (i32.const 0)
                            )
                            (local.get $3)
                           )
                          )
                          (then
                           (f32.load
                            (i32.add
                             (local.get $0)
                             (i32.shl
                              (i32.add
                               (i32.add
                                (i32.mul
                                 (local.get $11)
                                 (i32.const 4096)
                                )
                                (local.get $12)
                               )
                               (i32.const 0)
                              )
                              (i32.const 2)
                             )
                            )
                           )
                          )
                          (else
                           (f32.const 0)
                          )
                         )
                        )
                        (if (result f32)
                         (i32.and
                          (i32.ge_s
                           (i32.add
                            (i32.add
                             (i32.mul
                              (local.get $11)
                              (i32.const 4096)
                             )
                             (local.get $12)
                            )
                            (i32.const 1)
                           )
                           (i32.const 0)
                          )
                          (i32.lt_s
                           (i32.add
                            (i32.add
                             (i32.mul
                              (local.get $11)
                              (i32.const 4096)
                             )
                             (local.get $12)
                            )
                            (i32.const 1)
                           )
                           (local.get $3)
                          )
                         )
                         (then
                          (f32.load
                           (i32.add
                            (local.get $0)
                            (i32.shl
                             (i32.add
                              (i32.add
                               (i32.mul
                                (local.get $11)
                                (i32.const 4096)
                               )
                               (local.get $12)
                              )
                              (i32.const 1)
                             )
                             (i32.const 2)
                            )
                           )
                          )
                         )
                         (else
                          (f32.const 0)
                         )
                        )
                       )
                       (if (result f32)
                        (i32.and
                         (i32.ge_s
                          (i32.add
                           (i32.add
                            (i32.mul
                             (local.get $11)
                             (i32.const 4096)
                            )
                            (local.get $12)
                           )
                           (i32.const 2)
                          )
                          (i32.const 0)
                         )
                         (i32.lt_s
                          (i32.add
                           (i32.add
                            (i32.mul
                             (local.get $11)
                             (i32.const 4096)
                            )
                            (local.get $12)
                           )
                           (i32.const 2)
                          )
                          (local.get $3)
                         )
                        )
                        (then
                         (f32.load
                          (i32.add
                           (local.get $0)
                           (i32.shl
                            (i32.add
                             (i32.add
                              (i32.mul
                               (local.get $11)
                               (i32.const 4096)
                              )
                              (local.get $12)
                             )
                             (i32.const 2)
                            )
                            (i32.const 2)
                           )
                          )
                         )
                        )
                        (else
                         (f32.const 0)
                        )
                       )
                      )
                      (if (result f32)
                       (i32.and
                        (i32.ge_s
                         (i32.add
                          (i32.add
                           (i32.mul
                            (local.get $11)
                            (i32.const 4096)
                           )
                           (local.get $12)
                          )
                          (i32.const 3)
                         )
                         (i32.const 0)
                        )
                        (i32.lt_s
                         (i32.add
                          (i32.add
                           (i32.mul
                            (local.get $11)
                            (i32.const 4096)
                           )
                           (local.get $12)
                          )
                          (i32.const 3)
                         )
                         (local.get $3)
                        )
                       )
                       (then
                        (f32.load
                         (i32.add
                          (local.get $0)
                          (i32.shl
                           (i32.add
                            (i32.add
                             (i32.mul
                              (local.get $11)
                              (i32.const 4096)
                             )
                             (local.get $12)
                            )
                            (i32.const 3)
                           )
                           (i32.const 2)
                          )
                         )
                        )
                       )
                       (else
                        (f32.const 0)
                       )
                      )
                     )
                    )
                   )
                   (f32x4.splat
                    (local.get $4)
                   )
                  )
                 )
                )
               )
              )
             )
             (f32x4.ge
              (v128.bitselect
               (f32x4.splat
                (local.get $4)
               )
               (if (result v128)
                (i32.and
                 (i32.and
                  (i32.ge_s
                   (i32.add
                    (i32.add
                     (i32.mul
                      (local.get $11)
                      (i32.const 4096)
                     )
                     (local.get $12)
                    )
                    (i32.const 0)
                   )
                   (i32.const 0)
                  )
                  (i32.lt_s
                   (i32.add
                    (i32.add
                     (i32.mul
                      (local.get $11)
                      (i32.const 4096)
                     )
                     (local.get $12)
                    )
                    (i32.const 0)
                   )
                   (local.get $3)
                  )
                 )
                 (i32.and
                  (i32.ge_s
                   (i32.add
                    (i32.add
                     (i32.mul
                      (local.get $11)
                      (i32.const 4096)
                     )
                     (local.get $12)
                    )
                    (i32.const 3)
                   )
                   (i32.const 0)
                  )
                  (i32.lt_s
                   (i32.add
                    (i32.add
                     (i32.mul
                      (local.get $11)
                      (i32.const 4096)
                     )
                     (local.get $12)
                    )
                    (i32.const 3)
                   )
                   (local.get $3)
                  )
                 )
                )
                (then
                 (v128.load align=4
                  (i32.add
                   (local.get $0)
                   (i32.shl
                    (i32.add
                     (i32.mul
                      (local.get $11)
                      (i32.const 4096)
                     )
                     (local.get $12)
                    )
                    (i32.const 2)
                   )
                  )
                 )
                )
                (else
                 (f32x4.replace_lane 3
                  (f32x4.replace_lane 2
                   (f32x4.replace_lane 1
                    (f32x4.replace_lane 0
                     (v128.const i32x4 0x00000000 0x00000000 0x00000000 0x00000000)
                     (if (result f32)
                      (i32.and
                       (i32.ge_s
                        (i32.add
                         (i32.add
                          (i32.mul
                           (local.get $11)
                           (i32.const 4096)
                          )
                          (local.get $12)
                         )
                         (i32.const 0)
                        )
                        (i32.const 0)
                       )
                       (i32.lt_s
                        (i32.add
                         (i32.add
                          (i32.mul
                           (local.get $11)
                           (i32.const 4096)
                          )
                          (local.get $12)
                         )
                         (i32.const 0)
                        )
                        (local.get $3)
                       )
                      )
                      (then
                       (f32.load
                        (i32.add
                         (local.get $0)
                         (i32.shl
                          (i32.add
                           (i32.add
                            (i32.mul
                             (local.get $11)
                             (i32.const 4096)
                            )
                            (local.get $12)
                           )
                           (i32.const 0)
                          )
                          (i32.const 2)
                         )
                        )
                       )
                      )
                      (else
                       (f32.const 0)
                      )
                     )
                    )
                    (if (result f32)
                     (i32.and
                      (i32.ge_s
                       (i32.add
                        (i32.add
                         (i32.mul
                          (local.get $11)
                          (i32.const 4096)
                         )
                         (local.get $12)
                        )
                        (i32.const 1)
                       )
                       (i32.const 0)
                      )
                      (i32.lt_s
                       (i32.add
                        (i32.add
                         (i32.mul
                          (local.get $11)
                          (i32.const 4096)
                         )
                         (local.get $12)
                        )
                        (i32.const 1)
                       )
                       (local.get $3)
                      )
                     )
                     (then
                      (f32.load
                       (i32.add
                        (local.get $0)
                        (i32.shl
                         (i32.add
                          (i32.add
                           (i32.mul
                            (local.get $11)
                            (i32.const 4096)
                           )
                           (local.get $12)
                          )
                          (i32.const 1)
                         )
                         (i32.const 2)
                        )
                       )
                      )
                     )
                     (else
                      (f32.const 0)
                     )
                    )
                   )
                   (if (result f32)
                    (i32.and
                     (i32.ge_s
                      (i32.add
                       (i32.add
                        (i32.mul
                         (local.get $11)
                         (i32.const 4096)
                        )
                        (local.get $12)
                       )
                       (i32.const 2)
                      )
                      (i32.const 0)
                     )
                     (i32.lt_s
                      (i32.add
                       (i32.add
                        (i32.mul
                         (local.get $11)
                         (i32.const 4096)
                        )
                        (local.get $12)
                       )
                       (i32.const 2)
                      )
                      (local.get $3)
                     )
                    )
                    (then
                     (f32.load
                      (i32.add
                       (local.get $0)
                       (i32.shl
                        (i32.add
                         (i32.add
                          (i32.mul
                           (local.get $11)
                           (i32.const 4096)
                          )
                          (local.get $12)
                         )
                         (i32.const 2)
                        )
                        (i32.const 2)
                       )
                      )
                     )
                    )
                    (else
                     (f32.const 0)
                    )
                   )
                  )
                  (if (result f32)
                   (i32.and
                    (i32.ge_s
                     (i32.add
                      (i32.add
                       (i32.mul
                        (local.get $11)
                        (i32.const 4096)
                       )
                       (local.get $12)
                      )
                      (i32.const 3)
                     )
                     (i32.const 0)
                    )
                    (i32.lt_s
                     (i32.add
                      (i32.add
                       (i32.mul
                        (local.get $11)
                        (i32.const 4096)
                       )
                       (local.get $12)
                      )
                      (i32.const 3)
                     )
                     (local.get $3)
                    )
                   )
                   (then
                    (f32.load
                     (i32.add
                      (local.get $0)
                      (i32.shl
                       (i32.add
                        (i32.add
                         (i32.mul
                          (local.get $11)
                          (i32.const 4096)
                         )
                         (local.get $12)
                        )
                        (i32.const 3)
                       )
                       (i32.const 2)
                      )
                     )
                    )
                   )
                   (else
                    (f32.const 0)
                   )
                  )
                 )
                )
               )
               (v128.and
                (i32x4.splat
                 (i32.sub
                  (i32.const 0)
                  (f32.gt
                   (local.get $4)
                   (f32.const 0)
                  )
                 )
                )
                (f32x4.gt
                 (if (result v128)
                  (i32.and
                   (i32.and
                    (i32.ge_s
                     (i32.add
                      (i32.add
                       (i32.mul
                        (local.get $11)
                        (i32.const 4096)
                       )
                       (local.get $12)
                      )
                      (i32.const 0)
                     )
                     (i32.const 0)
                    )
                    (i32.lt_s
                     (i32.add
                      (i32.add
                       (i32.mul
                        (local.get $11)
                        (i32.const 4096)
                       )
                       (local.get $12)
                      )
                      (i32.const 0)
                     )
                     (local.get $3)
                    )
                   )
                   (i32.and
                    (i32.ge_s
                     (i32.add
                      (i32.add
                       (i32.mul
                        (local.get $11)
                        (i32.const 4096)
                       )
                       (local.get $12)
                      )
                      (i32.const 3)
                     )
                     (i32.const 0)
                    )
                    (i32.lt_s
                     (i32.add
                      (i32.add
                       (i32.mul
                        (local.get $11)
                        (i32.const 4096)
                       )
                       (local.get $12)
                      )
                      (i32.const 3)
                     )
                     (local.get $3)
                    )
                   )
                  )
                  (then
                   (v128.load align=4
                    (i32.add
                     (local.get $0)
                     (i32.shl
                      (i32.add
                       (i32.mul
                        (local.get $11)
                        (i32.const 4096)
                       )
                       (local.get $12)
                      )
                      (i32.const 2)
                     )
                    )
                   )
                  )
                  (else
                   (f32x4.replace_lane 3
                    (f32x4.replace_lane 2
                     (f32x4.replace_lane 1
                      (f32x4.replace_lane 0
                       (v128.const i32x4 0x00000000 0x00000000 0x00000000 0x00000000)
                       (if (result f32)
                        (i32.and
                         (i32.ge_s
                          (i32.add
                           (i32.add
                            (i32.mul
                             (local.get $11)
                             (i32.const 4096)
                            )
                            (local.get $12)
                           )
                           (i32.const 0)
                          )
                          (i32.const 0)
                         )
                         (i32.lt_s
                          (i32.add
                           (i32.add
                            (i32.mul
                             (local.get $11)
                             (i32.const 4096)
                            )
                            (local.get $12)
                           )
                           (i32.const 0)
                          )
                          (local.get $3)
                         )
                        )
                        (then
                         (f32.load
                          (i32.add
                           (local.get $0)
                           (i32.shl
                            (i32.add
                             (i32.add
                              (i32.mul
                               (local.get $11)
                               (i32.const 4096)
                              )
                              (local.get $12)
                             )
                             (i32.const 0)
                            )
                            (i32.const 2)
                           )
                          )
                         )
                        )
                        (else
                         (f32.const 0)
                        )
                       )
                      )
                      (if (result f32)
                       (i32.and
                        (i32.ge_s
                         (i32.add
                          (i32.add
                           (i32.mul
                            (local.get $11)
                            (i32.const 4096)
                           )
                           (local.get $12)
                          )
                          (i32.const 1)
                         )
                         (i32.const 0)
                        )
                        (i32.lt_s
                         (i32.add
                          (i32.add
                           (i32.mul
                            (local.get $11)
                            (i32.const 4096)
                           )
                           (local.get $12)
                          )
                          (i32.const 1)
                         )
                         (local.get $3)
                        )
                       )
                       (then
                        (f32.load
                         (i32.add
                          (local.get $0)
                          (i32.shl
                           (i32.add
                            (i32.add
                             (i32.mul
                              (local.get $11)
                              (i32.const 4096)
                             )
                             (local.get $12)
                            )
                            (i32.const 1)
                           )
                           (i32.const 2)
                          )
                         )
                        )
                       )
                       (else
                        (f32.const 0)
                       )
                      )
                     )
                     (if (result f32)
                      (i32.and
                       (i32.ge_s
                        (i32.add
                         (i32.add
                          (i32.mul
                           (local.get $11)
                           (i32.const 4096)
                          )
                          (local.get $12)
                         )
                         (i32.const 2)
                        )
                        (i32.const 0)
                       )
                       (i32.lt_s
                        (i32.add
                         (i32.add
                          (i32.mul
                           (local.get $11)
                           (i32.const 4096)
                          )
                          (local.get $12)
                         )
                         (i32.const 2)
                        )
                        (local.get $3)
                       )
                      )
                      (then
                       (f32.load
                        (i32.add
                         (local.get $0)
                         (i32.shl
                          (i32.add
                           (i32.add
                            (i32.mul
                             (local.get $11)
                             (i32.const 4096)
                            )
                            (local.get $12)
                           )
                           (i32.const 2)
                          )
                          (i32.const 2)
                         )
                        )
                       )
                      )
                      (else
                       (f32.const 0)
                      )
                     )
                    )
                    (if (result f32)
                     (i32.and
                      (i32.ge_s
                       (i32.add
                        (i32.add
                         (i32.mul
                          (local.get $11)
                          (i32.const 4096)
                         )
                         (local.get $12)
                        )
                        (i32.const 3)
                       )
                       (i32.const 0)
                      )
                      (i32.lt_s
                       (i32.add
                        (i32.add
                         (i32.mul
                          (local.get $11)
                          (i32.const 4096)
                         )
                         (local.get $12)
                        )
                        (i32.const 3)
                       )
                       (local.get $3)
                      )
                     )
                     (then
                      (f32.load
                       (i32.add
                        (local.get $0)
                        (i32.shl
                         (i32.add
                          (i32.add
                           (i32.mul
                            (local.get $11)
                            (i32.const 4096)
                           )
                           (local.get $12)
                          )
                          (i32.const 3)
                         )
                         (i32.const 2)
                        )
                       )
                      )
                     )
                     (else
                      (f32.const 0)
                     )
                    )
                   )
                  )
                 )
                 (f32x4.splat
                  (local.get $4)
                 )
                )
               )
              )
              (f32x4.splat
               (f32.const 0)
              )
             )
            )
            (f32x4.add
             (call $exp_f32x4
              (f32x4.neg
               (f32x4.abs
                (v128.bitselect
                 (f32x4.splat
                  (local.get $4)
                 )
                 (if (result v128)
                  (i32.and
                   (i32.and
                    (i32.ge_s
                     (i32.add
                      (i32.add
                       (i32.mul
                        (local.get $11)
                        (i32.const 4096)
                       )
                       (local.get $12)
                      )
                      (i32.const 0)
                     )
                     (i32.const 0)
                    )
                    (i32.lt_s
                     (i32.add
                      (i32.add
                       (i32.mul
                        (local.get $11)
                        (i32.const 4096)
                       )
                       (local.get $12)
                      )
                      (i32.const 0)
                     )
                     (local.get $3)
                    )
                   )
                   (i32.and
                    (i32.ge_s
                     (i32.add
                      (i32.add
                       (i32.mul
                        (local.get $11)
                        (i32.const 4096)
                       )
                       (local.get $12)
                      )
                      (i32.const 3)
                     )
                     (i32.const 0)
                    )
                    (i32.lt_s
                     (i32.add
                      (i32.add
                       (i32.mul
                        (local.get $11)
                        (i32.const 4096)
                       )
                       (local.get $12)
                      )
                      (i32.const 3)
                     )
                     (local.get $3)
                    )
                   )
                  )
                  (then
                   (v128.load align=4
                    (i32.add
                     (local.get $0)
                     (i32.shl
                      (i32.add
                       (i32.mul
                        (local.get $11)
                        (i32.const 4096)
                       )
                       (local.get $12)
                      )
                      (i32.const 2)
                     )
                    )
                   )
                  )
                  (else
                   (f32x4.replace_lane 3
                    (f32x4.replace_lane 2
                     (f32x4.replace_lane 1
                      (f32x4.replace_lane 0
                       (v128.const i32x4 0x00000000 0x00000000 0x00000000 0x00000000)
                       (if (result f32)
                        (i32.and
                         (i32.ge_s
                          (i32.add
                           (i32.add
                            (i32.mul
                             (local.get $11)
                             (i32.const 4096)
                            )
                            (local.get $12)
                           )
                           (i32.const 0)
                          )
                          (i32.const 0)
                         )
                         (i32.lt_s
                          (i32.add
                           (i32.add
                            (i32.mul
                             (local.get $11)
                             (i32.const 4096)
                            )
                            (local.get $12)
                           )
                           (i32.const 0)
                          )
                          (local.get $3)
                         )
                        )
                        (then
                         (f32.load
                          (i32.add
                           (local.get $0)
                           (i32.shl
                            (i32.add
                             (i32.add
                              (i32.mul
                               (local.get $11)
                               (i32.const 4096)
                              )
                              (local.get $12)
                             )
                             (i32.const 0)
                            )
                            (i32.const 2)
                           )
                          )
                         )
                        )
                        (else
                         (f32.const 0)
                        )
                       )
                      )
                      (if (result f32)
                       (i32.and
                        (i32.ge_s
                         (i32.add
                          (i32.add
                           (i32.mul
                            (local.get $11)
                            (i32.const 4096)
                           )
                           (local.get $12)
                          )
                          (i32.const 1)
                         )
                         (i32.const 0)
                        )
                        (i32.lt_s
                         (i32.add
                          (i32.add
                           (i32.mul
                            (local.get $11)
                            (i32.const 4096)
                           )
                           (local.get $12)
                          )
                          (i32.const 1)
                         )
                         (local.get $3)
                        )
                       )
                       (then
                        (f32.load
                         (i32.add
                          (local.get $0)
                          (i32.shl
                           (i32.add
                            (i32.add
                             (i32.mul
                              (local.get $11)
                              (i32.const 4096)
                             )
                             (local.get $12)
                            )
                            (i32.const 1)
                           )
                           (i32.const 2)
                          )
                         )
                        )
                       )
                       (else
                        (f32.const 0)
                       )
                      )
                     )
                     (if (result f32)
                      (i32.and
                       (i32.ge_s
                        (i32.add
                         (i32.add
                          (i32.mul
                           (local.get $11)
                           (i32.const 4096)
                          )
                          (local.get $12)
                         )
                         (i32.const 2)
                        )
                        (i32.const 0)
                       )
                       (i32.lt_s
                        (i32.add
                         (i32.add
                          (i32.mul
                           (local.get $11)
                           (i32.const 4096)
                          )
                          (local.get $12)
                         )
                         (i32.const 2)
                        )
                        (local.get $3)
                       )
                      )
                      (then
                       (f32.load
                        (i32.add
                         (local.get $0)
                         (i32.shl
                          (i32.add
                           (i32.add
                            (i32.mul
                             (local.get $11)
                             (i32.const 4096)
                            )
                            (local.get $12)
                           )
                           (i32.const 2)
                          )
                          (i32.const 2)
                         )
                        )
                       )
                      )
                      (else
                       (f32.const 0)
                      )
                     )
                    )
                    (if (result f32)
                     (i32.and
                      (i32.ge_s
                       (i32.add
                        (i32.add
                         (i32.mul
                          (local.get $11)
                          (i32.const 4096)
                         )
                         (local.get $12)
                        )
                        (i32.const 3)
                       )
                       (i32.const 0)
                      )
                      (i32.lt_s
                       (i32.add
                        (i32.add
                         (i32.mul
                          (local.get $11)
                          (i32.const 4096)
                         )
                         (local.get $12)
                        )
                        (i32.const 3)
                       )
                       (local.get $3)
                      )
                     )
                     (then
                      (f32.load
                       (i32.add
                        (local.get $0)
                        (i32.shl
                         (i32.add
                          (i32.add
                           (i32.mul
                            (local.get $11)
                            (i32.const 4096)
                           )
                           (local.get $12)
                          )
                          (i32.const 3)
                         )
                         (i32.const 2)
                        )
                       )
                      )
                     )
                     (else
                      (f32.const 0)
                     )
                    )
                   )
                  )
                 )
                 (v128.and
                  (i32x4.splat
                   (i32.sub
                    (i32.const 0)
                    (f32.gt
                     (local.get $4)
                     (f32.const 0)
                    )
                   )
                  )
                  (f32x4.gt
                   (if (result v128)
                    (i32.and
                     (i32.and
                      (i32.ge_s
                       (i32.add
                        (i32.add
                         (i32.mul
                          (local.get $11)
                          (i32.const 4096)
                         )
                         (local.get $12)
                        )
                        (i32.const 0)
                       )
                       (i32.const 0)
                      )
                      (i32.lt_s
                       (i32.add
                        (i32.add
                         (i32.mul
                          (local.get $11)
                          (i32.const 4096)
                         )
                         (local.get $12)
                        )
                        (i32.const 0)
                       )
                       (local.get $3)
                      )
                     )
                     (i32.and
                      (i32.ge_s
                       (i32.add
                        (i32.add
                         (i32.mul
                          (local.get $11)
                          (i32.const 4096)
                         )
                         (local.get $12)
                        )
                        (i32.const 3)
                       )
                       (i32.const 0)
                      )
                      (i32.lt_s
                       (i32.add
                        (i32.add
                         (i32.mul
                          (local.get $11)
                          (i32.const 4096)
                         )
                         (local.get $12)
                        )
                        (i32.const 3)
                       )
                       (local.get $3)
                      )
                     )
                    )
                    (then
                     (v128.load align=4
                      (i32.add
                       (local.get $0)
                       (i32.shl
                        (i32.add
                         (i32.mul
                          (local.get $11)
                          (i32.const 4096)
                         )
                         (local.get $12)
                        )
                        (i32.const 2)
                       )
                      )
                     )
                    )
                    (else
                     (f32x4.replace_lane 3
                      (f32x4.replace_lane 2
                       (f32x4.replace_lane 1
                        (f32x4.replace_lane 0
                         (v128.const i32x4 0x00000000 0x00000000 0x00000000 0x00000000)
                         (if (result f32)
                          (i32.and
                           (i32.ge_s
                            (i32.add
                             (i32.add
                              (i32.mul
                               (local.get $11)
                               (i32.const 4096)
                              )
                              (local.get $12)
                             )
                             (i32.const 0)
                            )
                            (i32.const 0)
                           )
                           (i32.lt_s
                            (i32.add
                             (i32.add
                              (i32.mul
                               (local.get $11)
                               (i32.const 4096)
                              )
                              (local.get $12)
                             )
                             (i32.const 0)
                            )
                            (local.get $3)
                           )
                          )
                          (then
                           (f32.load
                            (i32.add
                             (local.get $0)
                             (i32.shl
                              (i32.add
                               (i32.add
                                (i32.mul
                                 (local.get $11)
                                 (i32.const 4096)
                                )
                                (local.get $12)
                               )
                               (i32.const 0)
                              )
                              (i32.const 2)
                             )
                            )
                           )
                          )
                          (else
                           (f32.const 0)
                          )
                         )
                        )
                        (if (result f32)
                         (i32.and
                          (i32.ge_s
                           (i32.add
                            (i32.add
                             (i32.mul
                              (local.get $11)
                              (i32.const 4096)
                             )
                             (local.get $12)
                            )
                            (i32.const 1)
                           )
                           (i32.const 0)
                          )
                          (i32.lt_s
                           (i32.add
                            (i32.add
                             (i32.mul
                              (local.get $11)
                              (i32.const 4096)
                             )
                             (local.get $12)
                            )
                            (i32.const 1)
                           )
                           (local.get $3)
                          )
                         )
                         (then
                          (f32.load
                           (i32.add
                            (local.get $0)
                            (i32.shl
                             (i32.add
                              (i32.add
                               (i32.mul
                                (local.get $11)
                                (i32.const 4096)
                               )
                               (local.get $12)
                              )
                              (i32.const 1)
                             )
                             (i32.const 2)
                            )
                           )
                          )
                         )
                         (else
                          (f32.const 0)
                         )
                        )
                       )
                       (if (result f32)
                        (i32.and
                         (i32.ge_s
                          (i32.add
                           (i32.add
                            (i32.mul
                             (local.get $11)
                             (i32.const 4096)
                            )
                            (local.get $12)
                           )
                           (i32.const 2)
                          )
                          (i32.const 0)
                         )
                         (i32.lt_s
                          (i32.add
                           (i32.add
                            (i32.mul
                             (local.get $11)
                             (i32.const 4096)
                            )
                            (local.get $12)
                           )
                           (i32.const 2)
                          )
                          (local.get $3)
                         )
                        )
                        (then
                         (f32.load
                          (i32.add
                           (local.get $0)
                           (i32.shl
                            (i32.add
                             (i32.add
                              (i32.mul
                               (local.get $11)
                               (i32.const 4096)
                              )
                              (local.get $12)
                             )
                             (i32.const 2)
                            )
                            (i32.const 2)
                           )
                          )
                         )
                        )
                        (else
                         (f32.const 0)
                        )
                       )
                      )
                      (if (result f32)
                       (i32.and
                        (i32.ge_s
                         (i32.add
                          (i32.add
                           (i32.mul
                            (local.get $11)
                            (i32.const 4096)
                           )
                           (local.get $12)
                          )
                          (i32.const 3)
                         )
                         (i32.const 0)
                        )
                        (i32.lt_s
                         (i32.add
                          (i32.add
                           (i32.mul
                            (local.get $11)
                            (i32.const 4096)
                           )
                           (local.get $12)
                          )
                          (i32.const 3)
                         )
                         (local.get $3)
                        )
                       )
                       (then
                        (f32.load
                         (i32.add
                          (local.get $0)
                          (i32.shl
                           (i32.add
                            (i32.add
                             (i32.mul
                              (local.get $11)
                              (i32.const 4096)
                             )
                             (local.get $12)
                            )
                            (i32.const 3)
                           )
                           (i32.const 2)
                          )
                         )
                        )
                       )
                       (else
                        (f32.const 0)
                       )
                      )
                     )
                    )
                   )
                   (f32x4.splat
                    (local.get $4)
                   )
                  )
                 )
                )
               )
              )
             )
             (f32x4.splat
              (f32.const 1)
             )
            )
           )
          )
          (v128.bitselect
           (f32x4.splat
            (local.get $4)
           )
           (v128.bitselect
            (f32x4.splat
             (f32.neg
              (local.get $4)
             )
            )
            (if (result v128)
             (i32.and
              (i32.and
               (i32.ge_s
                (i32.add
                 (i32.add
                  (i32.mul
                   (local.get $11)
                   (i32.const 4096)
                  )
                  (local.get $12)
                 )
                 (i32.const 0)
                )
                (i32.const 0)
               )
               (i32.lt_s
                (i32.add
                 (i32.add
                  (i32.mul
                   (local.get $11)
                   (i32.const 4096)
                  )
                  (local.get $12)
                 )
                 (i32.const 0)
                )
                (local.get $3)
               )
              )
              (i32.and
               (i32.ge_s
                (i32.add
                 (i32.add
                  (i32.mul
                   (local.get $11)
                   (i32.const 4096)
                  )
                  (local.get $12)
                 )
                 (i32.const 3)
                )
                (i32.const 0)
               )
               (i32.lt_s
                (i32.add
                 (i32.add
                  (i32.mul
                   (local.get $11)
                   (i32.const 4096)
                  )
                  (local.get $12)
                 )
                 (i32.const 3)
                )
                (local.get $3)
               )
              )
             )
             (then
              (v128.load align=4
               (i32.add
                (local.get $1)
                (i32.shl
                 (i32.add
                  (i32.mul
                   (local.get $11)
                   (i32.const 4096)
                  )
                  (local.get $12)
                 )
                 (i32.const 2)
                )
               )
              )
             )
             (else
              (f32x4.replace_lane 3
               (f32x4.replace_lane 2
                (f32x4.replace_lane 1
                 (f32x4.replace_lane 0
                  (v128.const i32x4 0x00000000 0x00000000 0x00000000 0x00000000)
                  (if (result f32)
                   (i32.and
                    (i32.ge_s
                     (i32.add
                      (i32.add
                       (i32.mul
                        (local.get $11)
                        (i32.const 4096)
                       )
                       (local.get $12)
                      )
                      (i32.const 0)
                     )
                     (i32.const 0)
                    )
                    (i32.lt_s
                     (i32.add
                      (i32.add
                       (i32.mul
                        (local.get $11)
                        (i32.const 4096)
                       )
                       (local.get $12)
                      )
                      (i32.const 0)
                     )
                     (local.get $3)
                    )
                   )
                   (then
                    (f32.load
                     (i32.add
                      (local.get $1)
                      (i32.shl
                       (i32.add
                        (i32.add
                         (i32.mul
                          (local.get $11)
                          (i32.const 4096)
                         )
                         (local.get $12)
                        )
                        (i32.const 0)
                       )
                       (i32.const 2)
                      )
                     )
                    )
                   )
                   (else
                    (f32.const 0)
                   )
                  )
                 )
                 (if (result f32)
                  (i32.and
                   (i32.ge_s
                    (i32.add
                     (i32.add
                      (i32.mul
                       (local.get $11)
                       (i32.const 4096)
                      )
                      (local.get $12)
                     )
                     (i32.const 1)
                    )
                    (i32.const 0)
                   )
                   (i32.lt_s
                    (i32.add
                     (i32.add
                      (i32.mul
                       (local.get $11)
                       (i32.const 4096)
                      )
                      (local.get $12)
                     )
                     (i32.const 1)
                    )
                    (local.get $3)
                   )
                  )
                  (then
                   (f32.load
                    (i32.add
                     (local.get $1)
                     (i32.shl
                      (i32.add
                       (i32.add
                        (i32.mul
                         (local.get $11)
                         (i32.const 4096)
                        )
                        (local.get $12)
                       )
                       (i32.const 1)
                      )
                      (i32.const 2)
                     )
                    )
                   )
                  )
                  (else
                   (f32.const 0)
                  )
                 )
                )
                (if (result f32)
                 (i32.and
                  (i32.ge_s
                   (i32.add
                    (i32.add
                     (i32.mul
                      (local.get $11)
                      (i32.const 4096)
                     )
                     (local.get $12)
                    )
                    (i32.const 2)
                   )
                   (i32.const 0)
                  )
                  (i32.lt_s
                   (i32.add
                    (i32.add
                     (i32.mul
                      (local.get $11)
                      (i32.const 4096)
                     )
                     (local.get $12)
                    )
                    (i32.const 2)
                   )
                   (local.get $3)
                  )
                 )
                 (then
                  (f32.load
                   (i32.add
                    (local.get $1)
                    (i32.shl
                     (i32.add
                      (i32.add
                       (i32.mul
                        (local.get $11)
                        (i32.const 4096)
                       )
                       (local.get $12)
                      )
                      (i32.const 2)
                     )
                     (i32.const 2)
                    )
                   )
                  )
                 )
                 (else
                  (f32.const 0)
                 )
                )
               )
               (if (result f32)
                (i32.and
                 (i32.ge_s
                  (i32.add
                   (i32.add
                    (i32.mul
                     (local.get $11)
                     (i32.const 4096)
                    )
                    (local.get $12)
                   )
                   (i32.const 3)
                  )
                  (i32.const 0)
                 )
                 (i32.lt_s
                  (i32.add
                   (i32.add
                    (i32.mul
                     (local.get $11)
                     (i32.const 4096)
                    )
                    (local.get $12)
                   )
                   (i32.const 3)
                  )
                  (local.get $3)
                 )
                )
                (then
                 (f32.load
                  (i32.add
                   (local.get $1)
                   (i32.shl
                    (i32.add
                     (i32.add
                      (i32.mul
                       (local.get $11)
                       (i32.const 4096)
                      )
                      (local.get $12)
                     )
                     (i32.const 3)
                    )
                    (i32.const 2)
                   )
                  )
                 )
                )
                (else
                 (f32.const 0)
                )
               )
              )
             )
            )
            (v128.and
             (i32x4.splat
              (i32.sub
               (i32.const 0)
               (f32.gt
                (local.get $4)
                (f32.const 0)
               )
              )
             )
             (f32x4.lt
              (if (result v128)
               (i32.and
                (i32.and
                 (i32.ge_s
                  (i32.add
                   (i32.add
                    (i32.mul
                     (local.get $11)
                     (i32.const 4096)
                    )
                    (local.get $12)
                   )
                   (i32.const 0)
                  )
                  (i32.const 0)
                 )
                 (i32.lt_s
                  (i32.add
                   (i32.add
                    (i32.mul
                     (local.get $11)
                     (i32.const 4096)
                    )
                    (local.get $12)
                   )
                   (i32.const 0)
                  )
                  (local.get $3)
                 )
                )
                (i32.and
                 (i32.ge_s
                  (i32.add
                   (i32.add
                    (i32.mul
                     (local.get $11)
                     (i32.const 4096)
                    )
                    (local.get $12)
                   )
                   (i32.const 3)
                  )
                  (i32.const 0)
                 )
                 (i32.lt_s
                  (i32.add
                   (i32.add
                    (i32.mul
                     (local.get $11)
                     (i32.const 4096)
                    )
                    (local.get $12)
                   )
                   (i32.const 3)
                  )
                  (local.get $3)
                 )
                )
               )
               (then
                (v128.load align=4
                 (i32.add
                  (local.get $1)
                  (i32.shl
                   (i32.add
                    (i32.mul
                     (local.get $11)
                     (i32.const 4096)
                    )
                    (local.get $12)
                   )
                   (i32.const 2)
                  )
                 )
                )
               )
               (else
                (f32x4.replace_lane 3
                 (f32x4.replace_lane 2
                  (f32x4.replace_lane 1
                   (f32x4.replace_lane 0
                    (v128.const i32x4 0x00000000 0x00000000 0x00000000 0x00000000)
                    (if (result f32)
                     (i32.and
                      (i32.ge_s
                       (i32.add
                        (i32.add
                         (i32.mul
                          (local.get $11)
                          (i32.const 4096)
                         )
                         (local.get $12)
                        )
                        (i32.const 0)
                       )
                       (i32.const 0)
                      )
                      (i32.lt_s
                       (i32.add
                        (i32.add
                         (i32.mul
                          (local.get $11)
                          (i32.const 4096)
                         )
                         (local.get $12)
                        )
                        (i32.const 0)
                       )
                       (local.get $3)
                      )
                     )
                     (then
                      (f32.load
                       (i32.add
                        (local.get $1)
                        (i32.shl
                         (i32.add
                          (i32.add
                           (i32.mul
                            (local.get $11)
                            (i32.const 4096)
                           )
                           (local.get $12)
                          )
                          (i32.const 0)
                         )
                         (i32.const 2)
                        )
                       )
                      )
                     )
                     (else
                      (f32.const 0)
                     )
                    )
                   )
                   (if (result f32)
                    (i32.and
                     (i32.ge_s
                      (i32.add
                       (i32.add
                        (i32.mul
                         (local.get $11)
                         (i32.const 4096)
                        )
                        (local.get $12)
                       )
                       (i32.const 1)
                      )
                      (i32.const 0)
                     )
                     (i32.lt_s
                      (i32.add
                       (i32.add
                        (i32.mul
                         (local.get $11)
                         (i32.const 4096)
                        )
                        (local.get $12)
                       )
                       (i32.const 1)
                      )
                      (local.get $3)
                     )
                    )
                    (then
                     (f32.load
                      (i32.add
                       (local.get $1)
                       (i32.shl
                        (i32.add
                         (i32.add
                          (i32.mul
                           (local.get $11)
                           (i32.const 4096)
                          )
                          (local.get $12)
                         )
                         (i32.const 1)
                        )
                        (i32.const 2)
                       )
                      )
                     )
                    )
                    (else
                     (f32.const 0)
                    )
                   )
                  )
                  (if (result f32)
                   (i32.and
                    (i32.ge_s
                     (i32.add
                      (i32.add
                       (i32.mul
                        (local.get $11)
                        (i32.const 4096)
                       )
                       (local.get $12)
                      )
                      (i32.const 2)
                     )
                     (i32.const 0)
                    )
                    (i32.lt_s
                     (i32.add
                      (i32.add
                       (i32.mul
                        (local.get $11)
                        (i32.const 4096)
                       )
                       (local.get $12)
                      )
                      (i32.const 2)
                     )
                     (local.get $3)
                    )
                   )
                   (then
                    (f32.load
                     (i32.add
                      (local.get $1)
                      (i32.shl
                       (i32.add
                        (i32.add
                         (i32.mul
                          (local.get $11)
                          (i32.const 4096)
                         )
                         (local.get $12)
                        )
                        (i32.const 2)
                       )
                       (i32.const 2)
                      )
                     )
                    )
                   )
                   (else
                    (f32.const 0)
                   )
                  )
                 )
                 (if (result f32)
                  (i32.and
                   (i32.ge_s
                    (i32.add
                     (i32.add
                      (i32.mul
                       (local.get $11)
                       (i32.const 4096)
                      )
                      (local.get $12)
                     )
                     (i32.const 3)
                    )
                    (i32.const 0)
                   )
                   (i32.lt_s
                    (i32.add
                     (i32.add
                      (i32.mul
                       (local.get $11)
                       (i32.const 4096)
                      )
                      (local.get $12)
                     )
                     (i32.const 3)
                    )
                    (local.get $3)
                   )
                  )
                  (then
                   (f32.load
                    (i32.add
                     (local.get $1)
                     (i32.shl
                      (i32.add
                       (i32.add
                        (i32.mul
                         (local.get $11)
                         (i32.const 4096)
                        )
                        (local.get $12)
                       )
                       (i32.const 3)
                      )
                      (i32.const 2)
                     )
                    )
                   )
                  )
                  (else
                   (f32.const 0)
                  )
                 )
                )
               )
              )
              (f32x4.splat
               (f32.neg
                (local.get $4)
               )
              )
             )
            )
           )
           (v128.and
            (i32x4.splat
             (i32.sub
              (i32.const 0)
              (f32.gt
               (local.get $4)
               (f32.const 0)
              )
             )
            )
            (f32x4.gt
             (if (result v128)
              (i32.and
               (i32.and
                (i32.ge_s
                 (i32.add
                  (i32.add
                   (i32.mul
                    (local.get $11)
                    (i32.const 4096)
                   )
                   (local.get $12)
                  )
                  (i32.const 0)
                 )
                 (i32.const 0)
                )
                (i32.lt_s
                 (i32.add
                  (i32.add
                   (i32.mul
                    (local.get $11)
                    (i32.const 4096)
                   )
                   (local.get $12)
                  )
                  (i32.const 0)
                 )
                 (local.get $3)
                )
               )
               (i32.and
                (i32.ge_s
                 (i32.add
                  (i32.add
                   (i32.mul
                    (local.get $11)
                    (i32.const 4096)
                   )
                   (local.get $12)
                  )
                  (i32.const 3)
                 )
                 (i32.const 0)
                )
                (i32.lt_s
                 (i32.add
                  (i32.add
                   (i32.mul
                    (local.get $11)
                    (i32.const 4096)
                   )
                   (local.get $12)
                  )
                  (i32.const 3)
                 )
                 (local.get $3)
                )
               )
              )
              (then
               (v128.load align=4
                (i32.add
                 (local.get $1)
                 (i32.shl
                  (i32.add
                   (i32.mul
                    (local.get $11)
                    (i32.const 4096)
                   )
                   (local.get $12)
                  )
                  (i32.const 2)
                 )
                )
               )
              )
              (else
               (f32x4.replace_lane 3
                (f32x4.replace_lane 2
                 (f32x4.replace_lane 1
                  (f32x4.replace_lane 0
                   (v128.const i32x4 0x00000000 0x00000000 0x00000000 0x00000000)
                   (if (result f32)
                    (i32.and
                     (i32.ge_s
                      (i32.add
                       (i32.add
                        (i32.mul
                         (local.get $11)
                         (i32.const 4096)
                        )
                        (local.get $12)
                       )
                       (i32.const 0)
                      )
                      (i32.const 0)
                     )
                     (i32.lt_s
                      (i32.add
                       (i32.add
                        (i32.mul
                         (local.get $11)
                         (i32.const 4096)
                        )
                        (local.get $12)
                       )
                       (i32.const 0)
                      )
                      (local.get $3)
                     )
                    )
                    (then
                     (f32.load
                      (i32.add
                       (local.get $1)
                       (i32.shl
                        (i32.add
                         (i32.add
                          (i32.mul
                           (local.get $11)
                           (i32.const 4096)
                          )
                          (local.get $12)
                         )
                         (i32.const 0)
                        )
                        (i32.const 2)
                       )
                      )
                     )
                    )
                    (else
                     (f32.const 0)
                    )
                   )
                  )
                  (if (result f32)
                   (i32.and
                    (i32.ge_s
                     (i32.add
                      (i32.add
                       (i32.mul
                        (local.get $11)
                        (i32.const 4096)
                       )
                       (local.get $12)
                      )
                      (i32.const 1)
                     )
                     (i32.const 0)
                    )
                    (i32.lt_s
                     (i32.add
                      (i32.add
                       (i32.mul
                        (local.get $11)
                        (i32.const 4096)
                       )
                       (local.get $12)
                      )
                      (i32.const 1)
                     )
                     (local.get $3)
                    )
                   )
                   (then
                    (f32.load
                     (i32.add
                      (local.get $1)
                      (i32.shl
                       (i32.add
                        (i32.add
                         (i32.mul
                          (local.get $11)
                          (i32.const 4096)
                         )
                         (local.get $12)
                        )
                        (i32.const 1)
                       )
                       (i32.const 2)
                      )
                     )
                    )
                   )
                   (else
                    (f32.const 0)
                   )
                  )
                 )
                 (if (result f32)
                  (i32.and
                   (i32.ge_s
                    (i32.add
                     (i32.add
                      (i32.mul
                       (local.get $11)
                       (i32.const 4096)
                      )
                      (local.get $12)
                     )
                     (i32.const 2)
                    )
                    (i32.const 0)
                   )
                   (i32.lt_s
                    (i32.add
                     (i32.add
                      (i32.mul
                       (local.get $11)
                       (i32.const 4096)
                      )
                      (local.get $12)
                     )
                     (i32.const 2)
                    )
                    (local.get $3)
                   )
                  )
                  (then
                   (f32.load
                    (i32.add
                     (local.get $1)
                     (i32.shl
                      (i32.add
                       (i32.add
                        (i32.mul
                         (local.get $11)
                         (i32.const 4096)
                        )
                        (local.get $12)
                       )
                       (i32.const 2)
                      )
                      (i32.const 2)
                     )
                    )
                   )
                  )
                  (else
                   (f32.const 0)
                  )
                 )
                )
                (if (result f32)
                 (i32.and
                  (i32.ge_s
                   (i32.add
                    (i32.add
                     (i32.mul
                      (local.get $11)
                      (i32.const 4096)
                     )
                     (local.get $12)
                    )
                    (i32.const 3)
                   )
                   (i32.const 0)
                  )
                  (i32.lt_s
                   (i32.add
                    (i32.add
                     (i32.mul
                      (local.get $11)
                      (i32.const 4096)
                     )
                     (local.get $12)
                    )
                    (i32.const 3)
                   )
                   (local.get $3)
                  )
                 )
                 (then
                  (f32.load
                   (i32.add
                    (local.get $1)
                    (i32.shl
                     (i32.add
                      (i32.add
                       (i32.mul
                        (local.get $11)
                        (i32.const 4096)
                       )
                       (local.get $12)
                      )
                      (i32.const 3)
                     )
                     (i32.const 2)
                    )
                   )
                  )
                 )
                 (else
                  (f32.const 0)
                 )
                )
               )
              )
             )
             (f32x4.splat
              (local.get $4)
             )
            )
           )
          )
         )
        )
        (if
         (i32.and
          (i32.and
           (i32.ge_s
            (i32.add
             (i32.add
              (i32.mul
               (local.get $11)
               (i32.const 4096)
              )
              (local.get $12)
             )
             (i32.const 0)
            )
            (i32.const 0)
           )
           (i32.lt_s
            (i32.add
             (i32.add
              (i32.mul
               (local.get $11)
               (i32.const 4096)
              )
              (local.get $12)
             )
             (i32.const 0)
            )
            (local.get $3)
           )
          )
          (i32.and
           (i32.ge_s
            (i32.add
             (i32.add
              (i32.mul
               (local.get $11)
               (i32.const 4096)
              )
              (local.get $12)
             )
             (i32.const 3)
            )
            (i32.const 0)
           )
           (i32.lt_s
            (i32.add
             (i32.add
              (i32.mul
               (local.get $11)
               (i32.const 4096)
              )
              (local.get $12)
             )
             (i32.const 3)
            )
            (local.get $3)
           )
          )
         )
         (then
          (v128.store align=4
           (i32.add
            (local.get $2)
            (i32.shl
             (i32.add
              (i32.mul
               (local.get $11)
               (i32.const 4096)
              )
              (local.get $12)
             )
             (i32.const 2)
            )
           )
           (local.get $13)
          )
         )
         (else
          (if
           (i32.and
            (i32.ge_s
             (i32.add
              (i32.add
               (i32.mul
                (local.get $11)
                (i32.const 4096)
               )
               (local.get $12)
              )
              (i32.const 0)
             )
             (i32.const 0)
            )
            (i32.lt_s
             (i32.add
              (i32.add
               (i32.mul
                (local.get $11)
                (i32.const 4096)
               )
               (local.get $12)
              )
              (i32.const 0)
             )
             (local.get $3)
            )
           )
           (then
            (f32.store
             (i32.add
              (local.get $2)
              (i32.shl
               (i32.add
                (i32.add
                 (i32.mul
                  (local.get $11)
                  (i32.const 4096)
                 )
                 (local.get $12)
                )
                (i32.const 0)
               )
               (i32.const 2)
              )
             )
             (f32x4.extract_lane 0
              (local.get $13)
             )
            )
           )
          )
          (if
           (i32.and
            (i32.ge_s
             (i32.add
              (i32.add
               (i32.mul
                (local.get $11)
                (i32.const 4096)
               )
               (local.get $12)
              )
              (i32.const 1)
             )
             (i32.const 0)
            )
            (i32.lt_s
             (i32.add
              (i32.add
               (i32.mul
                (local.get $11)
                (i32.const 4096)
               )
               (local.get $12)
              )
              (i32.const 1)
             )
             (local.get $3)
            )
           )
           (then
            (f32.store
             (i32.add
              (local.get $2)
              (i32.shl
               (i32.add
                (i32.add
                 (i32.mul
                  (local.get $11)
                  (i32.const 4096)
                 )
                 (local.get $12)
                )
                (i32.const 1)
               )
               (i32.const 2)
              )
             )
             (f32x4.extract_lane 1
              (local.get $13)
             )
            )
           )
          )
          (if
           (i32.and
            (i32.ge_s
             (i32.add
              (i32.add
               (i32.mul
                (local.get $11)
                (i32.const 4096)
               )
               (local.get $12)
              )
              (i32.const 2)
             )
             (i32.const 0)
            )
            (i32.lt_s
             (i32.add
              (i32.add
               (i32.mul
                (local.get $11)
                (i32.const 4096)
               )
               (local.get $12)
              )
              (i32.const 2)
             )
             (local.get $3)
            )
           )
           (then
            (f32.store
             (i32.add
              (local.get $2)
              (i32.shl
               (i32.add
                (i32.add
                 (i32.mul
                  (local.get $11)
                  (i32.const 4096)
                 )
                 (local.get $12)
                )
                (i32.const 2)
               )
               (i32.const 2)
              )
             )
             (f32x4.extract_lane 2
              (local.get $13)
             )
            )
           )
          )
          (if
           (i32.and
            (i32.ge_s
             (i32.add
              (i32.add
               (i32.mul
                (local.get $11)
                (i32.const 4096)
               )
               (local.get $12)
              )
              (i32.const 3)
             )
             (i32.const 0)
            )
            (i32.lt_s
             (i32.add
              (i32.add
               (i32.mul
                (local.get $11)
                (i32.const 4096)
               )
               (local.get $12)
              )
              (i32.const 3)
             )
             (local.get $3)
            )
           )
           (then
            (f32.store
             (i32.add
              (local.get $2)
              (i32.shl
               (i32.add
                (i32.add
                 (i32.mul
                  (local.get $11)
                  (i32.const 4096)
                 )
                 (local.get $12)
                )
                (i32.const 3)
               )
               (i32.const 2)
              )
             )
             (f32x4.extract_lane 3
              (local.get $13)
             )
            )
           )
          )
         )
        )
       )
       (local.set $12
        (i32.add
         (local.get $12)
         (i32.const 4)
        )
       )
       (br $loop3)
      )
     )
    )
    (local.set $8
     (i32.add
      (local.get $8)
      (i32.const 1)
     )
    )
    (br $blocks1)
   )
  )
 )
)
