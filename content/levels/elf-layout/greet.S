# greet.S: a small static x86-64 program of VmQuest's own for the elf-layout level. It has the four kinds of
# memory a program image needs: code (.text, r-x), a string constant (.rodata, r--), an initialised counter
# (.data, rw-) and a zero-filled buffer larger than a page (.bss, rw-, no bytes in the file).
# Build (see build.sh): as greet.S -o greet.o && ld -static -nostdlib -z noexecstack -z separate-code \
#                       -z max-page-size=4096 -s greet.o -o greet.elf
        .section .text
        .globl _start
_start:
        incq    counter(%rip)           # write .data (a private copy of the file page)
        lea     buffer(%rip), %rdi      # fill the first bytes of .bss (zero-filled, anonymous pages)
        lea     message(%rip), %rsi
        mov     $length, %ecx
        rep movsb
        mov     $1, %eax                # write(1, buffer, length)
        mov     $1, %edi
        lea     buffer(%rip), %rsi
        mov     $length, %edx
        syscall
        mov     $60, %eax               # exit(0)
        xor     %edi, %edi
        syscall

        .section .rodata
message:
        .ascii  "hello from greet\n"
        .set    length, . - message

        .section .data
counter:
        .quad   41

        .section .bss
        .balign 64
buffer:
        .skip   10000
