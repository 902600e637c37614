extension RandomAccessCollection where Element: Comparable, Index == Int {
    /// Whether the collection, sorted ascending, holds `value`: a binary search. The word
    /// sets, tag sets and token tests that the rules and the article stages check every
    /// token or element against are sorted arrays (or ranges of one buffer) searched this
    /// way. Inlinable: a generic search called across modules would otherwise go through
    /// its unspecialized form.
    @inlinable
    package func sortedContains(_ value: Element) -> Bool {
        var low = startIndex, high = endIndex
        while low < high {
            let middle = (low + high) >> 1
            if self[middle] == value { return true }
            if self[middle] < value { low = middle + 1 } else { high = middle }
        }
        return false
    }
}
