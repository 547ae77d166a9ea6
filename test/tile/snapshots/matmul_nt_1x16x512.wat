(module
 (type $0 (func (param i32 i32 i32 i32 i32 i32 i32 i32 i32 i32)))
 (import "env" "memory" (memory $0 1 65536 shared))
 (export "matmul_nt_1x16x512" (func $matmul_nt_1x16x512))
 (func $matmul_nt_1x16x512 (param $0 i32) (param $1 i32) (param $2 i32) (param $3 i32) (param $4 i32) (param $5 i32) (param $6 i32) (param $7 i32) (param $8 i32) (param $9 i32)
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
  (local $43 i32)
  (local $44 v128)
  (local $45 v128)
  (local $46 v128)
  (local $47 v128)
  (local $48 v128)
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
  (local $62 v128)
  (local $63 v128)
  (local $64 v128)
  (local $65 i32)
  (local $66 i32)
  (local $67 v128)
  (local $68 v128)
  (local $69 v128)
  (local $70 v128)
  (local $71 v128)
  (local $72 i32)
  (local $73 i32)
  (local $74 i32)
  (local $75 i32)
  (local $76 i32)
  (local $77 i32)
  (local $78 i32)
  (local $79 i32)
  (local $80 i32)
  (local $81 i32)
  (local $82 i32)
  (local $83 i32)
  (local $84 i32)
  (local $85 v128)
  (local $86 v128)
  (local $87 v128)
  (local $88 i32)
  (local $89 i32)
  (local $90 i32)
  (local $91 i32)
  (local $92 i32)
  (local $93 i32)
  (local $94 i32)
  (local $95 i32)
  (local $96 i32)
  (local $97 i32)
  (local $98 i32)
  (local $99 i32)
  (local $100 i32)
  (local.set $12
   (i32.div_s
    (i32.sub
     (i32.add
      (local.get $5)
      (i32.const 16)
     )
     (i32.const 1)
    )
    (i32.const 16)
   )
  )
  (local.set $13
   (i32.sub
    (i32.add
     (local.get $4)
     (i32.const 1)
    )
    (i32.const 1)
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
       (i32.const 34816)
      )
     )
     (local.set $19
      (f32x4.splat
       (f32.const 0)
      )
     )
     (block
      (local.set $21
       (i32.const 64)
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
     (local.set $90
      (i32.div_s
       (i32.sub
        (i32.add
         (local.get $6)
         (i32.const 512)
        )
        (i32.const 1)
       )
       (i32.const 512)
      )
     )
     (local.set $22
      (i32.const 0)
     )
     (block $exit30
      (loop $loop31
       (br_if $exit30
        (i32.ge_s
         (local.get $22)
         (local.get $90)
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
            (local.get $16)
            (i32.const 0)
           )
           (i32.le_s
            (i32.add
             (local.get $16)
             (i32.const 1)
            )
            (local.get $4)
           )
          )
         )
         (i32.and
          (i32.ge_s
           (i32.mul
            (local.get $22)
            (i32.const 512)
           )
           (i32.const 0)
          )
          (i32.le_s
           (i32.add
            (i32.mul
             (local.get $22)
             (i32.const 512)
            )
            (i32.const 512)
           )
           (local.get $6)
          )
         )
        )
        (then
         (local.set $32
          (i32.const 1)
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
               (i32.const 2048)
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
                   (local.get $16)
                   (local.get $27)
                  )
                 )
                 (local.get $6)
                )
                (i32.mul
                 (local.get $22)
                 (i32.const 512)
                )
               )
               (i32.const 2)
              )
             )
            )
            (block
             (local.set $31
              (i32.const 2048)
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
          (i32.const 1)
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
             (i32.const 512)
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
                   (i32.const 512)
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
                     (local.get $16)
                     (local.get $23)
                    )
                    (i32.const 0)
                   )
                   (i32.lt_s
                    (i32.add
                     (local.get $16)
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
                     (i32.const 512)
                    )
                    (local.get $24)
                   )
                   (i32.const 0)
                  )
                  (i32.lt_s
                   (i32.add
                    (i32.mul
                     (local.get $22)
                     (i32.const 512)
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
                        (local.get $16)
                        (local.get $23)
                       )
                      )
                      (local.get $6)
                     )
                     (i32.add
                      (i32.mul
                       (local.get $22)
                       (i32.const 512)
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
       (block
        (local.set $33
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
              (local.get $15)
              (i32.const 16)
             )
             (i32.const 0)
            )
            (i32.le_s
             (i32.add
              (i32.mul
               (local.get $15)
               (i32.const 16)
              )
              (i32.const 16)
             )
             (local.get $5)
            )
           )
          )
          (i32.and
           (i32.ge_s
            (i32.mul
             (local.get $22)
             (i32.const 512)
            )
            (i32.const 0)
           )
           (i32.le_s
            (i32.add
             (i32.mul
              (local.get $22)
              (i32.const 512)
             )
             (i32.const 512)
            )
            (local.get $6)
           )
          )
         )
        )
        (if
         (i32.eqz
          (local.get $33)
         )
         (then
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
                (local.get $15)
                (i32.const 16)
               )
               (i32.const 0)
              )
              (i32.le_s
               (i32.add
                (i32.mul
                 (local.get $15)
                 (i32.const 16)
                )
                (i32.const 16)
               )
               (local.get $5)
              )
             )
            )
            (i32.and
             (i32.ge_s
              (i32.mul
               (local.get $22)
               (i32.const 512)
              )
              (i32.const 0)
             )
             (i32.le_s
              (i32.add
               (i32.mul
                (local.get $22)
                (i32.const 512)
               )
               (i32.const 512)
              )
              (local.get $6)
             )
            )
           )
           (then
            (local.set $43
             (i32.const 16)
            )
            (local.set $38
             (i32.const 0)
            )
            (block $exit18
             (loop $loop19
              (br_if $exit18
               (i32.ge_s
                (local.get $38)
                (local.get $43)
               )
              )
              (block
               (local.set $39
                (i32.add
                 (i32.add
                  (local.get $7)
                  (i32.const 2048)
                 )
                 (i32.mul
                  (local.get $38)
                  (i32.const 2048)
                 )
                )
               )
               (local.set $40
                (i32.add
                 (local.get $1)
                 (i32.shl
                  (i32.add
                   (i32.mul
                    (i32.add
                     (i32.mul
                      (local.get $17)
                      (local.get $5)
                     )
                     (i32.add
                      (i32.mul
                       (local.get $15)
                       (i32.const 16)
                      )
                      (local.get $38)
                     )
                    )
                    (local.get $6)
                   )
                   (i32.mul
                    (local.get $22)
                    (i32.const 512)
                   )
                  )
                  (i32.const 2)
                 )
                )
               )
               (block
                (local.set $42
                 (i32.const 2048)
                )
                (local.set $41
                 (i32.const 0)
                )
                (block $exit16
                 (loop $loop17
                  (br_if $exit16
                   (i32.ge_s
                    (local.get $41)
                    (local.get $42)
                   )
                  )
                  (v128.store
                   (i32.add
                    (local.get $39)
                    (local.get $41)
                   )
                   (v128.load align=4
                    (i32.add
                     (local.get $40)
                     (local.get $41)
                    )
                   )
                  )
                  (local.set $41
                   (i32.add
                    (local.get $41)
                    (i32.const 16)
                   )
                  )
                  (br $loop17)
                 )
                )
               )
              )
              (local.set $38
               (i32.add
                (local.get $38)
                (i32.const 1)
               )
              )
              (br $loop19)
             )
            )
           )
           (else
            (local.set $37
             (i32.const 16)
            )
            (local.set $34
             (i32.const 0)
            )
            (block $exit14
             (loop $loop15
              (br_if $exit14
               (i32.ge_s
                (local.get $34)
                (local.get $37)
               )
              )
              (block
               (local.set $36
                (i32.const 512)
               )
               (local.set $35
                (i32.const 0)
               )
               (block $exit12
                (loop $loop13
                 (br_if $exit12
                  (i32.ge_s
                   (local.get $35)
                   (local.get $36)
                  )
                 )
                 (f32.store
                  (i32.add
                   (i32.add
                    (local.get $7)
                    (i32.const 2048)
                   )
                   (i32.shl
                    (i32.add
                     (i32.mul
                      (local.get $34)
                      (i32.const 512)
                     )
                     (i32.mul
                      (local.get $35)
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
                         (local.get $15)
                         (i32.const 16)
                        )
                        (local.get $34)
                       )
                       (i32.const 0)
                      )
                      (i32.lt_s
                       (i32.add
                        (i32.mul
                         (local.get $15)
                         (i32.const 16)
                        )
                        (local.get $34)
                       )
                       (local.get $5)
                      )
                     )
                    )
                    (i32.and
                     (i32.ge_s
                      (i32.add
                       (i32.mul
                        (local.get $22)
                        (i32.const 512)
                       )
                       (local.get $35)
                      )
                      (i32.const 0)
                     )
                     (i32.lt_s
                      (i32.add
                       (i32.mul
                        (local.get $22)
                        (i32.const 512)
                       )
                       (local.get $35)
                      )
                      (local.get $6)
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
                           (local.get $5)
                          )
                          (i32.add
                           (i32.mul
                            (local.get $15)
                            (i32.const 16)
                           )
                           (local.get $34)
                          )
                         )
                         (local.get $6)
                        )
                        (i32.add
                         (i32.mul
                          (local.get $22)
                          (i32.const 512)
                         )
                         (local.get $35)
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
                 (local.set $35
                  (i32.add
                   (local.get $35)
                   (i32.const 1)
                  )
                 )
                 (br $loop13)
                )
               )
              )
              (local.set $34
               (i32.add
                (local.get $34)
                (i32.const 1)
               )
              )
              (br $loop15)
             )
            )
           )
          )
         )
        )
       )
       (if
        (local.get $33)
        (then
         (local.set $53
          (i32.add
           (local.get $7)
           (i32.const 0)
          )
         )
         (local.set $54
          (i32.add
           (local.get $1)
           (i32.shl
            (i32.add
             (i32.mul
              (i32.add
               (i32.mul
                (local.get $17)
                (local.get $5)
               )
               (i32.mul
                (local.get $15)
                (i32.const 16)
               )
              )
              (local.get $6)
             )
             (i32.mul
              (local.get $22)
              (i32.const 512)
             )
            )
            (i32.const 2)
           )
          )
         )
         (local.set $55
          (i32.add
           (local.get $7)
           (i32.const 34816)
          )
         )
         (local.set $57
          (i32.shl
           (local.get $6)
           (i32.const 2)
          )
         )
         (block
          (local.set $66
           (i32.const 1)
          )
          (local.set $49
           (i32.const 0)
          )
          (block $exit23
           (loop $loop24
            (br_if $exit23
             (i32.ge_s
              (local.get $49)
              (local.get $66)
             )
            )
            (block
             (local.set $65
              (i32.const 16)
             )
             (local.set $50
              (i32.const 0)
             )
             (block $exit21
              (loop $loop22
               (br_if $exit21
                (i32.ge_s
                 (local.get $50)
                 (local.get $65)
                )
               )
               (local.set $44
                (v128.const i32x4 0x00000000 0x00000000 0x00000000 0x00000000)
               )
               (local.set $45
                (v128.const i32x4 0x00000000 0x00000000 0x00000000 0x00000000)
               )
               (local.set $46
                (v128.const i32x4 0x00000000 0x00000000 0x00000000 0x00000000)
               )
               (local.set $47
                (v128.const i32x4 0x00000000 0x00000000 0x00000000 0x00000000)
               )
               (local.set $51
                (i32.add
                 (local.get $53)
                 (i32.mul
                  (local.get $49)
                  (i32.const 2048)
                 )
                )
               )
               (local.set $58
                (i32.add
                 (local.get $54)
                 (i32.mul
                  (local.get $50)
                  (local.get $57)
                 )
                )
               )
               (local.set $59
                (i32.add
                 (local.get $58)
                 (local.get $57)
                )
               )
               (local.set $60
                (i32.add
                 (local.get $59)
                 (local.get $57)
                )
               )
               (local.set $61
                (i32.add
                 (local.get $60)
                 (local.get $57)
                )
               )
               (local.set $52
                (i32.add
                 (local.get $51)
                 (i32.const 2048)
                )
               )
               (loop $dot20
                (local.set $48
                 (v128.load align=4
                  (local.get $51)
                 )
                )
                (local.set $62
                 (v128.load align=4
                  (local.get $58)
                 )
                )
                (local.set $44
                 (f32x4.relaxed_madd
                  (local.get $48)
                  (local.get $62)
                  (local.get $44)
                 )
                )
                (local.set $62
                 (v128.load align=4
                  (local.get $59)
                 )
                )
                (local.set $45
                 (f32x4.relaxed_madd
                  (local.get $48)
                  (local.get $62)
                  (local.get $45)
                 )
                )
                (local.set $62
                 (v128.load align=4
                  (local.get $60)
                 )
                )
                (local.set $46
                 (f32x4.relaxed_madd
                  (local.get $48)
                  (local.get $62)
                  (local.get $46)
                 )
                )
                (local.set $62
                 (v128.load align=4
                  (local.get $61)
                 )
                )
                (local.set $47
                 (f32x4.relaxed_madd
                  (local.get $48)
                  (local.get $62)
                  (local.get $47)
                 )
                )
                (local.set $51
                 (i32.add
                  (local.get $51)
                  (i32.const 16)
                 )
                )
                (local.set $58
                 (i32.add
                  (local.get $58)
                  (i32.const 16)
                 )
                )
                (local.set $59
                 (i32.add
                  (local.get $59)
                  (i32.const 16)
                 )
                )
                (local.set $60
                 (i32.add
                  (local.get $60)
                  (i32.const 16)
                 )
                )
                (local.set $61
                 (i32.add
                  (local.get $61)
                  (i32.const 16)
                 )
                )
                (br_if $dot20
                 (i32.ne
                  (local.get $51)
                  (local.get $52)
                 )
                )
               )
               (local.set $56
                (i32.add
                 (local.get $55)
                 (i32.shl
                  (i32.add
                   (i32.mul
                    (local.get $49)
                    (i32.const 16)
                   )
                   (local.get $50)
                  )
                  (i32.const 2)
                 )
                )
               )
               (v128.store align=4
                (local.get $56)
                (f32x4.add
                 (v128.load align=4
                  (local.get $56)
                 )
                 (block (result v128)
                  (local.set $63
                   (f32x4.add
                    (i8x16.shuffle 0 1 2 3 16 17 18 19 4 5 6 7 20 21 22 23
                     (local.get $44)
                     (local.get $45)
                    )
                    (i8x16.shuffle 8 9 10 11 24 25 26 27 12 13 14 15 28 29 30 31
                     (local.get $44)
                     (local.get $45)
                    )
                   )
                  )
                  (local.set $64
                   (f32x4.add
                    (i8x16.shuffle 0 1 2 3 16 17 18 19 4 5 6 7 20 21 22 23
                     (local.get $46)
                     (local.get $47)
                    )
                    (i8x16.shuffle 8 9 10 11 24 25 26 27 12 13 14 15 28 29 30 31
                     (local.get $46)
                     (local.get $47)
                    )
                   )
                  )
                  (f32x4.add
                   (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23
                    (local.get $63)
                    (local.get $64)
                   )
                   (i8x16.shuffle 8 9 10 11 12 13 14 15 24 25 26 27 28 29 30 31
                    (local.get $63)
                    (local.get $64)
                   )
                  )
                 )
                )
               )
               (local.set $50
                (i32.add
                 (local.get $50)
                 (i32.const 4)
                )
               )
               (br $loop22)
              )
             )
            )
            (local.set $49
             (i32.add
              (local.get $49)
              (i32.const 1)
             )
            )
            (br $loop24)
           )
          )
         )
        )
        (else
         (local.set $76
          (i32.add
           (local.get $7)
           (i32.const 0)
          )
         )
         (local.set $77
          (i32.add
           (local.get $7)
           (i32.const 2048)
          )
         )
         (local.set $78
          (i32.add
           (local.get $7)
           (i32.const 34816)
          )
         )
         (local.set $80
          (i32.const 2048)
         )
         (block
          (local.set $89
           (i32.const 1)
          )
          (local.set $72
           (i32.const 0)
          )
          (block $exit28
           (loop $loop29
            (br_if $exit28
             (i32.ge_s
              (local.get $72)
              (local.get $89)
             )
            )
            (block
             (local.set $88
              (i32.const 16)
             )
             (local.set $73
              (i32.const 0)
             )
             (block $exit26
              (loop $loop27
               (br_if $exit26
                (i32.ge_s
                 (local.get $73)
                 (local.get $88)
                )
               )
               (local.set $67
                (v128.const i32x4 0x00000000 0x00000000 0x00000000 0x00000000)
               )
               (local.set $68
                (v128.const i32x4 0x00000000 0x00000000 0x00000000 0x00000000)
               )
               (local.set $69
                (v128.const i32x4 0x00000000 0x00000000 0x00000000 0x00000000)
               )
               (local.set $70
                (v128.const i32x4 0x00000000 0x00000000 0x00000000 0x00000000)
               )
               (local.set $74
                (i32.add
                 (local.get $76)
                 (i32.mul
                  (local.get $72)
                  (i32.const 2048)
                 )
                )
               )
               (local.set $81
                (i32.add
                 (local.get $77)
                 (i32.mul
                  (local.get $73)
                  (local.get $80)
                 )
                )
               )
               (local.set $82
                (i32.add
                 (local.get $81)
                 (local.get $80)
                )
               )
               (local.set $83
                (i32.add
                 (local.get $82)
                 (local.get $80)
                )
               )
               (local.set $84
                (i32.add
                 (local.get $83)
                 (local.get $80)
                )
               )
               (local.set $75
                (i32.add
                 (local.get $74)
                 (i32.const 2048)
                )
               )
               (loop $dot25
                (local.set $71
                 (v128.load align=4
                  (local.get $74)
                 )
                )
                (local.set $85
                 (v128.load align=4
                  (local.get $81)
                 )
                )
                (local.set $67
                 (f32x4.relaxed_madd
                  (local.get $71)
                  (local.get $85)
                  (local.get $67)
                 )
                )
                (local.set $85
                 (v128.load align=4
                  (local.get $82)
                 )
                )
                (local.set $68
                 (f32x4.relaxed_madd
                  (local.get $71)
                  (local.get $85)
                  (local.get $68)
                 )
                )
                (local.set $85
                 (v128.load align=4
                  (local.get $83)
                 )
                )
                (local.set $69
                 (f32x4.relaxed_madd
                  (local.get $71)
                  (local.get $85)
                  (local.get $69)
                 )
                )
                (local.set $85
                 (v128.load align=4
                  (local.get $84)
                 )
                )
                (local.set $70
                 (f32x4.relaxed_madd
                  (local.get $71)
                  (local.get $85)
                  (local.get $70)
                 )
                )
                (local.set $74
                 (i32.add
                  (local.get $74)
                  (i32.const 16)
                 )
                )
                (local.set $81
                 (i32.add
                  (local.get $81)
                  (i32.const 16)
                 )
                )
                (local.set $82
                 (i32.add
                  (local.get $82)
                  (i32.const 16)
                 )
                )
                (local.set $83
                 (i32.add
                  (local.get $83)
                  (i32.const 16)
                 )
                )
                (local.set $84
                 (i32.add
                  (local.get $84)
                  (i32.const 16)
                 )
                )
                (br_if $dot25
                 (i32.ne
                  (local.get $74)
                  (local.get $75)
                 )
                )
               )
               (local.set $79
                (i32.add
                 (local.get $78)
                 (i32.shl
                  (i32.add
                   (i32.mul
                    (local.get $72)
                    (i32.const 16)
                   )
                   (local.get $73)
                  )
                  (i32.const 2)
                 )
                )
               )
               (v128.store align=4
                (local.get $79)
                (f32x4.add
                 (v128.load align=4
                  (local.get $79)
                 )
                 (block (result v128)
                  (local.set $86
                   (f32x4.add
                    (i8x16.shuffle 0 1 2 3 16 17 18 19 4 5 6 7 20 21 22 23
                     (local.get $67)
                     (local.get $68)
                    )
                    (i8x16.shuffle 8 9 10 11 24 25 26 27 12 13 14 15 28 29 30 31
                     (local.get $67)
                     (local.get $68)
                    )
                   )
                  )
                  (local.set $87
                   (f32x4.add
                    (i8x16.shuffle 0 1 2 3 16 17 18 19 4 5 6 7 20 21 22 23
                     (local.get $69)
                     (local.get $70)
                    )
                    (i8x16.shuffle 8 9 10 11 24 25 26 27 12 13 14 15 28 29 30 31
                     (local.get $69)
                     (local.get $70)
                    )
                   )
                  )
                  (f32x4.add
                   (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23
                    (local.get $86)
                    (local.get $87)
                   )
                   (i8x16.shuffle 8 9 10 11 12 13 14 15 24 25 26 27 28 29 30 31
                    (local.get $86)
                    (local.get $87)
                   )
                  )
                 )
                )
               )
               (local.set $73
                (i32.add
                 (local.get $73)
                 (i32.const 4)
                )
               )
               (br $loop27)
              )
             )
            )
            (local.set $72
             (i32.add
              (local.get $72)
              (i32.const 1)
             )
            )
            (br $loop29)
           )
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
       (br $loop31)
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
         (local.get $16)
         (i32.const 0)
        )
        (i32.le_s
         (i32.add
          (local.get $16)
          (i32.const 1)
         )
         (local.get $4)
        )
       )
      )
      (i32.and
       (i32.ge_s
        (i32.mul
         (local.get $15)
         (i32.const 16)
        )
        (i32.const 0)
       )
       (i32.le_s
        (i32.add
         (i32.mul
          (local.get $15)
          (i32.const 16)
         )
         (i32.const 16)
        )
        (local.get $5)
       )
      )
     )
     (then
      (local.set $100
       (i32.const 1)
      )
      (local.set $95
       (i32.const 0)
      )
      (block $exit38
       (loop $loop39
        (br_if $exit38
         (i32.ge_s
          (local.get $95)
          (local.get $100)
         )
        )
        (block
         (local.set $96
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
                (local.get $16)
                (local.get $95)
               )
              )
              (local.get $5)
             )
             (i32.mul
              (local.get $15)
              (i32.const 16)
             )
            )
            (i32.const 2)
           )
          )
         )
         (local.set $97
          (i32.add
           (i32.add
            (local.get $7)
            (i32.const 34816)
           )
           (i32.mul
            (local.get $95)
            (i32.const 64)
           )
          )
         )
         (block
          (local.set $99
           (i32.const 64)
          )
          (local.set $98
           (i32.const 0)
          )
          (block $exit36
           (loop $loop37
            (br_if $exit36
             (i32.ge_s
              (local.get $98)
              (local.get $99)
             )
            )
            (v128.store
             (i32.add
              (local.get $96)
              (local.get $98)
             )
             (v128.load align=4
              (i32.add
               (local.get $97)
               (local.get $98)
              )
             )
            )
            (local.set $98
             (i32.add
              (local.get $98)
              (i32.const 16)
             )
            )
            (br $loop37)
           )
          )
         )
        )
        (local.set $95
         (i32.add
          (local.get $95)
          (i32.const 1)
         )
        )
        (br $loop39)
       )
      )
     )
     (else
      (local.set $94
       (i32.const 1)
      )
      (local.set $91
       (i32.const 0)
      )
      (block $exit34
       (loop $loop35
        (br_if $exit34
         (i32.ge_s
          (local.get $91)
          (local.get $94)
         )
        )
        (block
         (local.set $93
          (i32.const 16)
         )
         (local.set $92
          (i32.const 0)
         )
         (block $exit32
          (loop $loop33
           (br_if $exit32
            (i32.ge_s
             (local.get $92)
             (local.get $93)
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
                 (local.get $16)
                 (local.get $91)
                )
                (i32.const 0)
               )
               (i32.lt_s
                (i32.add
                 (local.get $16)
                 (local.get $91)
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
                 (i32.const 16)
                )
                (local.get $92)
               )
               (i32.const 0)
              )
              (i32.lt_s
               (i32.add
                (i32.mul
                 (local.get $15)
                 (i32.const 16)
                )
                (local.get $92)
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
                    (local.get $16)
                    (local.get $91)
                   )
                  )
                  (local.get $5)
                 )
                 (i32.add
                  (i32.mul
                   (local.get $15)
                   (i32.const 16)
                  )
                  (local.get $92)
                 )
                )
                (i32.const 2)
               )
              )
              (f32.load
               (i32.add
                (i32.add
                 (local.get $7)
                 (i32.const 34816)
                )
                (i32.shl
                 (i32.add
                  (i32.mul
                   (local.get $91)
                   (i32.const 16)
                  )
                  (i32.mul
                   (local.get $92)
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
           (local.set $92
            (i32.add
             (local.get $92)
             (i32.const 1)
            )
           )
           (br $loop33)
          )
         )
        )
        (local.set $91
         (i32.add
          (local.get $91)
          (i32.const 1)
         )
        )
        (br $loop35)
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
