(module
 (type $0 (func (param i32 i32 i32 i32 i32 i32 i32 i32 i32 i32)))
 (import "env" "memory" (memory $0 1 65536 shared))
 (export "matmul_nn_128x256x64" (func $matmul_nn_128x256x64))
 (func $matmul_nn_128x256x64 (param $0 i32) (param $1 i32) (param $2 i32) (param $3 i32) (param $4 i32) (param $5 i32) (param $6 i32) (param $7 i32) (param $8 i32) (param $9 i32)
  (local $10 i32)
  (local $11 i32)
  (local $12 i32)
  (local $13 i32)
  (local $14 i32)
  (local $15 i32)
  (local $16 i32)
  (local $17 i32)
  (local $18 i32)
  (local $19 v128)
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
  (local $32 i32)
  (local $33 i32)
  (local $34 i32)
  (local $35 i32)
  (local $36 i32)
  (local $37 i32)
  (local $38 i32)
  (local $39 i32)
  (local $40 i32)
  (local $41 i32)
  (local $42 i32)
  (local $43 v128)
  (local $44 v128)
  (local $45 v128)
  (local $46 v128)
  (local $47 v128)
  (local $48 v128)
  (local $49 v128)
  (local $50 v128)
  (local $51 v128)
  (local $52 v128)
  (local $53 v128)
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
  (local $75 i32)
  (local $76 i32)
  (local.set $12
   (i32.div_s
    (i32.sub
     (i32.add
      (local.get $5)
      (i32.const 256)
     )
     (i32.const 1)
    )
    (i32.const 256)
   )
  )
  (local.set $13
   (i32.div_s
    (i32.sub
     (i32.add
      (local.get $4)
      (i32.const 128)
     )
     (i32.const 1)
    )
    (i32.const 128)
   )
  )
  (local.set $14
   (local.get $3)
  )
  (local.set $10
   (local.get $8)
  )
  (block $done0
   (loop $blocks1
    (br_if $done0
     (i32.ge_s
      (local.get $10)
      (local.get $9)
     )
    )
    (local.set $11
     (local.get $10)
    )
    (local.set $15
     (i32.rem_u
      (local.get $11)
      (local.get $12)
     )
    )
    (local.set $11
     (i32.div_u
      (local.get $11)
      (local.get $12)
     )
    )
    (local.set $16
     (i32.rem_u
      (local.get $11)
      (local.get $13)
     )
    )
    (local.set $11
     (i32.div_u
      (local.get $11)
      (local.get $13)
     )
    )
    (local.set $17
     (local.get $11)
    )
    (block
     (local.set $18
      (i32.add
       (local.get $7)
       (i32.const 98304)
      )
     )
     (local.set $19
      (f32x4.splat
       (f32.const 0)
      )
     )
     (block
      (local.set $21
       (i32.const 131072)
      )
      (local.set $20
       (i32.const 0)
      )
      (block $exit2
       (loop $loop3
        (br_if $exit2
         (i32.ge_s
          (local.get $20)
          (local.get $21)
         )
        )
        (v128.store
         (i32.add
          (local.get $18)
          (local.get $20)
         )
         (local.get $19)
        )
        (local.set $20
         (i32.add
          (local.get $20)
          (i32.const 16)
         )
        )
        (br $loop3)
       )
      )
     )
    )
    (block
     (local.set $66
      (i32.div_s
       (i32.sub
        (i32.add
         (local.get $6)
         (i32.const 64)
        )
        (i32.const 1)
       )
       (i32.const 64)
      )
     )
     (local.set $22
      (i32.const 0)
     )
     (block $exit25
      (loop $loop26
       (br_if $exit25
        (i32.ge_s
         (local.get $22)
         (local.get $66)
        )
       )
       (if
        (i32.and
         (i32.and
          (i32.and
           (i32.ge_s
            (local.get $17)
            (i32.const 0)
           )
           (i32.le_s
            (i32.add
             (local.get $17)
             (i32.const 1)
            )
            (local.get $3)
           )
          )
          (i32.and
           (i32.ge_s
            (i32.mul
             (local.get $16)
             (i32.const 128)
            )
            (i32.const 0)
           )
           (i32.le_s
            (i32.add
             (i32.mul
              (local.get $16)
              (i32.const 128)
             )
             (i32.const 128)
            )
            (local.get $4)
           )
          )
         )
         (i32.and
          (i32.ge_s
           (i32.mul
            (local.get $22)
            (i32.const 64)
           )
           (i32.const 0)
          )
          (i32.le_s
           (i32.add
            (i32.mul
             (local.get $22)
             (i32.const 64)
            )
            (i32.const 64)
           )
           (local.get $6)
          )
         )
        )
        (then
         (local.set $32
          (i32.const 128)
         )
         (local.set $27
          (i32.const 0)
         )
         (block $exit10
          (loop $loop11
           (br_if $exit10
            (i32.ge_s
             (local.get $27)
             (local.get $32)
            )
           )
           (block
            (local.set $28
             (i32.add
              (i32.add
               (local.get $7)
               (i32.const 0)
              )
              (i32.mul
               (local.get $27)
               (i32.const 256)
              )
             )
            )
            (local.set $29
             (i32.add
              (local.get $0)
              (i32.shl
               (i32.add
                (i32.mul
                 (i32.add
                  (i32.mul
                   (local.get $17)
                   (local.get $4)
                  )
                  (i32.add
                   (i32.mul
                    (local.get $16)
                    (i32.const 128)
                   )
                   (local.get $27)
                  )
                 )
                 (local.get $6)
                )
                (i32.mul
                 (local.get $22)
                 (i32.const 64)
                )
               )
               (i32.const 2)
              )
             )
            )
            (block
             (local.set $31
              (i32.const 256)
             )
             (local.set $30
              (i32.const 0)
             )
             (block $exit8
              (loop $loop9
               (br_if $exit8
                (i32.ge_s
                 (local.get $30)
                 (local.get $31)
                )
               )
               (v128.store
                (i32.add
                 (local.get $28)
                 (local.get $30)
                )
                (v128.load align=4
                 (i32.add
                  (local.get $29)
                  (local.get $30)
                 )
                )
               )
               (local.set $30
                (i32.add
                 (local.get $30)
                 (i32.const 16)
                )
               )
               (br $loop9)
              )
             )
            )
           )
           (local.set $27
            (i32.add
             (local.get $27)
             (i32.const 1)
            )
           )
           (br $loop11)
          )
         )
        )
        (else
         (local.set $26
          (i32.const 128)
         )
         (local.set $23
          (i32.const 0)
         )
         (block $exit6
          (loop $loop7
           (br_if $exit6
            (i32.ge_s
             (local.get $23)
             (local.get $26)
            )
           )
           (block
            (local.set $25
             (i32.const 64)
            )
            (local.set $24
             (i32.const 0)
            )
            (block $exit4
             (loop $loop5
              (br_if $exit4
               (i32.ge_s
                (local.get $24)
                (local.get $25)
               )
              )
              (f32.store
               (i32.add
                (i32.add
                 (local.get $7)
                 (i32.const 0)
                )
                (i32.shl
                 (i32.add
                  (i32.mul
                   (local.get $23)
                   (i32.const 64)
                  )
                  (i32.mul
                   (local.get $24)
                   (i32.const 1)
                  )
                 )
                 (i32.const 2)
                )
               )
               (if (result f32)
                (i32.and
                 (i32.and
                  (i32.and
                   (i32.ge_s
                    (local.get $17)
                    (i32.const 0)
                   )
                   (i32.lt_s
                    (local.get $17)
                    (local.get $3)
                   )
                  )
                  (i32.and
                   (i32.ge_s
                    (i32.add
                     (i32.mul
                      (local.get $16)
                      (i32.const 128)
                     )
                     (local.get $23)
                    )
                    (i32.const 0)
                   )
                   (i32.lt_s
                    (i32.add
                     (i32.mul
                      (local.get $16)
                      (i32.const 128)
                     )
                     (local.get $23)
                    )
                    (local.get $4)
                   )
                  )
                 )
                 (i32.and
                  (i32.ge_s
                   (i32.add
                    (i32.mul
                     (local.get $22)
                     (i32.const 64)
                    )
                    (local.get $24)
                   )
                   (i32.const 0)
                  )
                  (i32.lt_s
                   (i32.add
                    (i32.mul
                     (local.get $22)
                     (i32.const 64)
                    )
                    (local.get $24)
                   )
                   (local.get $6)
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
                       (i32.mul
                        (local.get $17)
                        (local.get $4)
                       )
                       (i32.add
                        (i32.mul
                         (local.get $16)
                         (i32.const 128)
                        )
                        (local.get $23)
                       )
                      )
                      (local.get $6)
                     )
                     (i32.add
                      (i32.mul
                       (local.get $22)
                       (i32.const 64)
                      )
                      (local.get $24)
                     )
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
              (local.set $24
               (i32.add
                (local.get $24)
                (i32.const 1)
               )
              )
              (br $loop5)
             )
            )
           )
           (local.set $23
            (i32.add
             (local.get $23)
             (i32.const 1)
            )
           )
           (br $loop7)
          )
         )
        )
       )
       (if
        (i32.and
         (i32.and
          (i32.and
           (i32.ge_s
            (local.get $17)
            (i32.const 0)
           )
           (i32.le_s
            (i32.add
             (local.get $17)
             (i32.const 1)
            )
            (local.get $3)
           )
          )
          (i32.and
           (i32.ge_s
            (i32.mul
             (local.get $22)
             (i32.const 64)
            )
            (i32.const 0)
           )
           (i32.le_s
            (i32.add
             (i32.mul
              (local.get $22)
              (i32.const 64)
             )
             (i32.const 64)
            )
            (local.get $6)
           )
          )
         )
         (i32.and
          (i32.ge_s
           (i32.mul
            (local.get $15)
            (i32.const 256)
           )
           (i32.const 0)
          )
          (i32.le_s
           (i32.add
            (i32.mul
             (local.get $15)
             (i32.const 256)
            )
            (i32.const 256)
           )
           (local.get $5)
          )
         )
        )
        (then
         (local.set $42
          (i32.const 64)
         )
         (local.set $37
          (i32.const 0)
         )
         (block $exit18
          (loop $loop19
           (br_if $exit18
            (i32.ge_s
             (local.get $37)
             (local.get $42)
            )
           )
           (block
            (local.set $38
             (i32.add
              (i32.add
               (local.get $7)
               (i32.const 32768)
              )
              (i32.mul
               (local.get $37)
               (i32.const 1024)
              )
             )
            )
            (local.set $39
             (i32.add
              (local.get $1)
              (i32.shl
               (i32.add
                (i32.mul
                 (i32.add
                  (i32.mul
                   (local.get $17)
                   (local.get $6)
                  )
                  (i32.add
                   (i32.mul
                    (local.get $22)
                    (i32.const 64)
                   )
                   (local.get $37)
                  )
                 )
                 (local.get $5)
                )
                (i32.mul
                 (local.get $15)
                 (i32.const 256)
                )
               )
               (i32.const 2)
              )
             )
            )
            (block
             (local.set $41
              (i32.const 1024)
             )
             (local.set $40
              (i32.const 0)
             )
             (block $exit16
              (loop $loop17
               (br_if $exit16
                (i32.ge_s
                 (local.get $40)
                 (local.get $41)
                )
               )
               (v128.store
                (i32.add
                 (local.get $38)
                 (local.get $40)
                )
                (v128.load align=4
                 (i32.add
                  (local.get $39)
                  (local.get $40)
                 )
                )
               )
               (local.set $40
                (i32.add
                 (local.get $40)
                 (i32.const 16)
                )
               )
               (br $loop17)
              )
             )
            )
           )
           (local.set $37
            (i32.add
             (local.get $37)
             (i32.const 1)
            )
           )
           (br $loop19)
          )
         )
        )
        (else
         (local.set $36
          (i32.const 64)
         )
         (local.set $33
          (i32.const 0)
         )
         (block $exit14
          (loop $loop15
           (br_if $exit14
            (i32.ge_s
             (local.get $33)
             (local.get $36)
            )
           )
           (block
            (local.set $35
             (i32.const 256)
            )
            (local.set $34
             (i32.const 0)
            )
            (block $exit12
             (loop $loop13
              (br_if $exit12
               (i32.ge_s
                (local.get $34)
                (local.get $35)
               )
              )
              (f32.store
               (i32.add
                (i32.add
                 (local.get $7)
                 (i32.const 32768)
                )
                (i32.shl
                 (i32.add
                  (i32.mul
                   (local.get $33)
                   (i32.const 256)
                  )
                  (i32.mul
                   (local.get $34)
                   (i32.const 1)
                  )
                 )
                 (i32.const 2)
                )
               )
               (if (result f32)
                (i32.and
                 (i32.and
                  (i32.and
                   (i32.ge_s
                    (local.get $17)
                    (i32.const 0)
                   )
                   (i32.lt_s
                    (local.get $17)
                    (local.get $3)
                   )
                  )
                  (i32.and
                   (i32.ge_s
                    (i32.add
                     (i32.mul
                      (local.get $22)
                      (i32.const 64)
                     )
                     (local.get $33)
                    )
                    (i32.const 0)
                   )
                   (i32.lt_s
                    (i32.add
                     (i32.mul
                      (local.get $22)
                      (i32.const 64)
                     )
                     (local.get $33)
                    )
                    (local.get $6)
                   )
                  )
                 )
                 (i32.and
                  (i32.ge_s
                   (i32.add
                    (i32.mul
                     (local.get $15)
                     (i32.const 256)
                    )
                    (local.get $34)
                   )
                   (i32.const 0)
                  )
                  (i32.lt_s
                   (i32.add
                    (i32.mul
                     (local.get $15)
                     (i32.const 256)
                    )
                    (local.get $34)
                   )
                   (local.get $5)
                  )
                 )
                )
                (then
                 (f32.load
                  (i32.add
                   (local.get $1)
                   (i32.shl
                    (i32.add
                     (i32.mul
                      (i32.add
                       (i32.mul
                        (local.get $17)
                        (local.get $6)
                       )
                       (i32.add
                        (i32.mul
                         (local.get $22)
                         (i32.const 64)
                        )
                        (local.get $33)
                       )
                      )
                      (local.get $5)
                     )
                     (i32.add
                      (i32.mul
                       (local.get $15)
                       (i32.const 256)
                      )
                      (local.get $34)
                     )
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
              (local.set $34
               (i32.add
                (local.get $34)
                (i32.const 1)
               )
              )
              (br $loop13)
             )
            )
           )
           (local.set $33
            (i32.add
             (local.get $33)
             (i32.const 1)
            )
           )
           (br $loop15)
          )
         )
        )
       )
       (block
        (local.set $60
         (i32.add
          (local.get $7)
          (i32.const 0)
         )
        )
        (local.set $61
         (i32.add
          (local.get $7)
          (i32.const 32768)
         )
        )
        (local.set $62
         (i32.add
          (local.get $7)
          (i32.const 98304)
         )
        )
        (local.set $63
         (i32.const 1024)
        )
        (block
         (local.set $65
          (i32.const 128)
         )
         (local.set $54
          (i32.const 0)
         )
         (block $exit23
          (loop $loop24
           (br_if $exit23
            (i32.ge_s
             (local.get $54)
             (local.get $65)
            )
           )
           (block
            (local.set $64
             (i32.const 256)
            )
            (local.set $55
             (i32.const 0)
            )
            (block $exit21
             (loop $loop22
              (br_if $exit21
               (i32.ge_s
                (local.get $55)
                (local.get $64)
               )
              )
              (local.set $59
               (i32.add
                (local.get $62)
                (i32.shl
                 (i32.add
                  (i32.mul
                   (local.get $54)
                   (i32.const 256)
                  )
                  (local.get $55)
                 )
                 (i32.const 2)
                )
               )
              )
              (local.set $43
               (v128.load
                (local.get $59)
               )
              )
              (local.set $44
               (v128.load offset=16
                (local.get $59)
               )
              )
              (local.set $45
               (v128.load offset=1024
                (local.get $59)
               )
              )
              (local.set $46
               (v128.load offset=1040
                (local.get $59)
               )
              )
              (local.set $47
               (v128.load offset=2048
                (local.get $59)
               )
              )
              (local.set $48
               (v128.load offset=2064
                (local.get $59)
               )
              )
              (local.set $49
               (v128.load offset=3072
                (local.get $59)
               )
              )
              (local.set $50
               (v128.load offset=3088
                (local.get $59)
               )
              )
              (local.set $56
               (i32.add
                (local.get $60)
                (i32.mul
                 (local.get $54)
                 (i32.const 256)
                )
               )
              )
              (local.set $57
               (i32.add
                (local.get $61)
                (i32.shl
                 (local.get $55)
                 (i32.const 2)
                )
               )
              )
              (local.set $58
               (i32.add
                (local.get $56)
                (i32.const 256)
               )
              )
              (loop $k20
               (local.set $51
                (v128.load align=4
                 (local.get $57)
                )
               )
               (local.set $52
                (v128.load offset=16 align=4
                 (local.get $57)
                )
               )
               (local.set $53
                (v128.load32_splat
                 (local.get $56)
                )
               )
               (local.set $43
                (f32x4.relaxed_madd
                 (local.get $53)
                 (local.get $51)
                 (local.get $43)
                )
               )
               (local.set $44
                (f32x4.relaxed_madd
                 (local.get $53)
                 (local.get $52)
                 (local.get $44)
                )
               )
               (local.set $53
                (v128.load32_splat offset=256
                 (local.get $56)
                )
               )
               (local.set $45
                (f32x4.relaxed_madd
                 (local.get $53)
                 (local.get $51)
                 (local.get $45)
                )
               )
               (local.set $46
                (f32x4.relaxed_madd
                 (local.get $53)
                 (local.get $52)
                 (local.get $46)
                )
               )
               (local.set $53
                (v128.load32_splat offset=512
                 (local.get $56)
                )
               )
               (local.set $47
                (f32x4.relaxed_madd
                 (local.get $53)
                 (local.get $51)
                 (local.get $47)
                )
               )
               (local.set $48
                (f32x4.relaxed_madd
                 (local.get $53)
                 (local.get $52)
                 (local.get $48)
                )
               )
               (local.set $53
                (v128.load32_splat offset=768
                 (local.get $56)
                )
               )
               (local.set $49
                (f32x4.relaxed_madd
                 (local.get $53)
                 (local.get $51)
                 (local.get $49)
                )
               )
               (local.set $50
                (f32x4.relaxed_madd
                 (local.get $53)
                 (local.get $52)
                 (local.get $50)
                )
               )
               (local.set $56
                (i32.add
                 (local.get $56)
                 (i32.const 4)
                )
               )
               (local.set $57
                (i32.add
                 (local.get $57)
                 (local.get $63)
                )
               )
               (br_if $k20
                (i32.ne
                 (local.get $56)
                 (local.get $58)
                )
               )
              )
              (v128.store
               (local.get $59)
               (local.get $43)
              )
              (v128.store offset=16
               (local.get $59)
               (local.get $44)
              )
              (v128.store offset=1024
               (local.get $59)
               (local.get $45)
              )
              (v128.store offset=1040
               (local.get $59)
               (local.get $46)
              )
              (v128.store offset=2048
               (local.get $59)
               (local.get $47)
              )
              (v128.store offset=2064
               (local.get $59)
               (local.get $48)
              )
              (v128.store offset=3072
               (local.get $59)
               (local.get $49)
              )
              (v128.store offset=3088
               (local.get $59)
               (local.get $50)
              )
              (local.set $55
               (i32.add
                (local.get $55)
                (i32.const 8)
               )
              )
              (br $loop22)
             )
            )
           )
           (local.set $54
            (i32.add
             (local.get $54)
             (i32.const 4)
            )
           )
           (br $loop24)
          )
         )
        )
       )
       (local.set $22
        (i32.add
         (local.get $22)
         (i32.const 1)
        )
       )
       (br $loop26)
      )
     )
    )
    (if
     (i32.and
      (i32.and
       (i32.and
        (i32.ge_s
         (local.get $17)
         (i32.const 0)
        )
        (i32.le_s
         (i32.add
          (local.get $17)
          (i32.const 1)
         )
         (local.get $3)
        )
       )
       (i32.and
        (i32.ge_s
         (i32.mul
          (local.get $16)
          (i32.const 128)
         )
         (i32.const 0)
        )
        (i32.le_s
         (i32.add
          (i32.mul
           (local.get $16)
           (i32.const 128)
          )
          (i32.const 128)
         )
         (local.get $4)
        )
       )
      )
      (i32.and
       (i32.ge_s
        (i32.mul
         (local.get $15)
         (i32.const 256)
        )
        (i32.const 0)
       )
       (i32.le_s
        (i32.add
         (i32.mul
          (local.get $15)
          (i32.const 256)
         )
         (i32.const 256)
        )
        (local.get $5)
       )
      )
     )
     (then
      (local.set $76
       (i32.const 128)
      )
      (local.set $71
       (i32.const 0)
      )
      (block $exit33
       (loop $loop34
        (br_if $exit33
         (i32.ge_s
          (local.get $71)
          (local.get $76)
         )
        )
        (block
         (local.set $72
          (i32.add
           (local.get $2)
           (i32.shl
            (i32.add
             (i32.mul
              (i32.add
               (i32.mul
                (local.get $17)
                (local.get $4)
               )
               (i32.add
                (i32.mul
                 (local.get $16)
                 (i32.const 128)
                )
                (local.get $71)
               )
              )
              (local.get $5)
             )
             (i32.mul
              (local.get $15)
              (i32.const 256)
             )
            )
            (i32.const 2)
           )
          )
         )
         (local.set $73
          (i32.add
           (i32.add
            (local.get $7)
            (i32.const 98304)
           )
           (i32.mul
            (local.get $71)
            (i32.const 1024)
           )
          )
         )
         (block
          (local.set $75
           (i32.const 1024)
          )
          (local.set $74
           (i32.const 0)
          )
          (block $exit31
           (loop $loop32
            (br_if $exit31
             (i32.ge_s
              (local.get $74)
              (local.get $75)
             )
            )
            (v128.store
             (i32.add
              (local.get $72)
              (local.get $74)
             )
             (v128.load align=4
              (i32.add
               (local.get $73)
               (local.get $74)
              )
             )
            )
            (local.set $74
             (i32.add
              (local.get $74)
              (i32.const 16)
             )
            )
            (br $loop32)
           )
          )
         )
        )
        (local.set $71
         (i32.add
          (local.get $71)
          (i32.const 1)
         )
        )
        (br $loop34)
       )
      )
     )
     (else
      (local.set $70
       (i32.const 128)
      )
      (local.set $67
       (i32.const 0)
      )
      (block $exit29
       (loop $loop30
        (br_if $exit29
         (i32.ge_s
          (local.get $67)
          (local.get $70)
         )
        )
        (block
         (local.set $69
          (i32.const 256)
         )
         (local.set $68
          (i32.const 0)
         )
         (block $exit27
          (loop $loop28
           (br_if $exit27
            (i32.ge_s
             (local.get $68)
             (local.get $69)
            )
           )
           (if
            (i32.and
             (i32.and
              (i32.and
               (i32.ge_s
                (local.get $17)
                (i32.const 0)
               )
               (i32.lt_s
                (local.get $17)
                (local.get $3)
               )
              )
              (i32.and
               (i32.ge_s
                (i32.add
                 (i32.mul
                  (local.get $16)
                  (i32.const 128)
                 )
                 (local.get $67)
                )
                (i32.const 0)
               )
               (i32.lt_s
                (i32.add
                 (i32.mul
                  (local.get $16)
                  (i32.const 128)
                 )
                 (local.get $67)
                )
                (local.get $4)
               )
              )
             )
             (i32.and
              (i32.ge_s
               (i32.add
                (i32.mul
                 (local.get $15)
                 (i32.const 256)
                )
                (local.get $68)
               )
               (i32.const 0)
              )
              (i32.lt_s
               (i32.add
                (i32.mul
                 (local.get $15)
                 (i32.const 256)
                )
                (local.get $68)
               )
               (local.get $5)
              )
             )
            )
            (then
             (f32.store
              (i32.add
               (local.get $2)
               (i32.shl
                (i32.add
                 (i32.mul
                  (i32.add
                   (i32.mul
                    (local.get $17)
                    (local.get $4)
                   )
                   (i32.add
                    (i32.mul
                     (local.get $16)
                     (i32.const 128)
                    )
                    (local.get $67)
                   )
                  )
                  (local.get $5)
                 )
                 (i32.add
                  (i32.mul
                   (local.get $15)
                   (i32.const 256)
                  )
                  (local.get $68)
                 )
                )
                (i32.const 2)
               )
              )
              (f32.load
               (i32.add
                (i32.add
                 (local.get $7)
                 (i32.const 98304)
                )
                (i32.shl
                 (i32.add
                  (i32.mul
                   (local.get $67)
                   (i32.const 256)
                  )
                  (i32.mul
                   (local.get $68)
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
           (local.set $68
            (i32.add
             (local.get $68)
             (i32.const 1)
            )
           )
           (br $loop28)
          )
         )
        )
        (local.set $67
         (i32.add
          (local.get $67)
          (i32.const 1)
         )
        )
        (br $loop30)
       )
      )
     )
    )
    (local.set $10
     (i32.add
      (local.get $10)
      (i32.const 1)
     )
    )
    (br $blocks1)
   )
  )
 )
)
