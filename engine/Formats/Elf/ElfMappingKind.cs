namespace VmQuest.Engine.Formats.Elf;

/// <summary>What a mapping execve creates for a <c>PT_LOAD</c> segment holds (the city zones it by this).</summary>
public enum ElfMappingKind
{
    /// <summary>File-backed and executable: code.</summary>
    Text,

    /// <summary>File-backed, readable, neither writable nor executable: headers, rodata, eh_frame.</summary>
    ReadOnlyData,

    /// <summary>File-backed and writable: initialised data (.data, .got, relro before ld.so protects it).</summary>
    Data,

    /// <summary>Anonymous zero-filled pages past the file-backed part of a segment: .bss.</summary>
    Bss,
}
