using System.Numerics;

namespace VmQuest.Engine.Formats.Lackey;

/// <summary>
/// An inclusive range of page numbers <c>[First, Last]</c> touched by one access; <c>foreach</c> yields them in
/// ascending (address) order through a struct enumerator, so expansion allocates nothing.
/// </summary>
/// <param name="First">First page number touched.</param>
/// <param name="Last">Last page number touched (&gt;= First).</param>
public readonly record struct PageSpan(ulong First, ulong Last)
{
    /// <summary>Number of pages (at least 1).</summary>
    public ulong Count => Last - First + 1;

    /// <summary>Whether the access stays within one page (the common case).</summary>
    public bool IsSinglePage => First == Last;

    /// <summary>log2 of a power-of-two page size.</summary>
    /// <param name="pageSize">The page size.</param>
    /// <returns>The shift.</returns>
    /// <exception cref="ArgumentException">The page size is not a power of two.</exception>
    public static int ShiftOf(ulong pageSize)
    {
        if (!ulong.IsPow2(pageSize))
        {
            throw new ArgumentException("page size must be a power of two", nameof(pageSize));
        }

        return BitOperations.TrailingZeroCount(pageSize);
    }

    /// <summary>Returns the struct enumerator.</summary>
    /// <returns>An enumerator over the page numbers.</returns>
    public Enumerator GetEnumerator() => new(First, Last);

    /// <summary>Enumerates page numbers from First to Last.</summary>
    public struct Enumerator
    {
        private readonly ulong _last;
        private ulong _next;
        private bool _done;

        internal Enumerator(ulong first, ulong last)
        {
            _next = first;
            _last = last;
            _done = false;
            Current = 0;
        }

        /// <summary>The current page number.</summary>
        public ulong Current { get; private set; }

        /// <summary>Advances to the next page.</summary>
        /// <returns>False when done.</returns>
        public bool MoveNext()
        {
            if (_done)
            {
                return false;
            }

            Current = _next;
            if (_next == _last)
            {
                _done = true; // Also avoids wrapping when Last is the top page.
            }
            else
            {
                _next++;
            }

            return true;
        }
    }
}
