# hello.S: the smallest static x86-64 program with code and data, for the elf-layout sample level.
# Build: as hello.S -o hello.o && ld -static -nostdlib -z noexecstack -z max-page-size=4096 -s hello.o -o hello.elf
        .section .text
        .globl _start
_start:
        mov     counter(%rip), %rax     # read the data segment
        inc     %rax
        mov     %rax, counter(%rip)     # write it (a private, writable page)
        mov     $60, %eax               # exit(0)
        xor     %edi, %edi
        syscall

        .section .data
counter:
        .quad   41
