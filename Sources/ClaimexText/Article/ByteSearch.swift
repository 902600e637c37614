extension StringProtocol {
    /// Whether `fragment` occurs in the text, compared byte for byte: for class names, ids
    /// and other markup words, which need no Unicode folding and are checked by the
    /// thousand on every page.
    func containsBytes(_ fragment: String) -> Bool {
        if let found = fragment.utf8.withContiguousStorageIfAvailable({ containsBytes($0) }) { return found }
        return Array(fragment.utf8).withUnsafeBufferPointer { containsBytes($0) }
    }

    private func containsBytes(_ needle: UnsafeBufferPointer<UInt8>) -> Bool {
        if let found = utf8.withContiguousStorageIfAvailable({ Self.find(needle, in: $0) }) { return found }
        return Array(utf8).withUnsafeBufferPointer { Self.find(needle, in: $0) }
    }

    private static func find(_ needle: UnsafeBufferPointer<UInt8>, in haystack: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let first = needle.first else { return true }
        guard needle.count <= haystack.count else { return false }
        for start in 0...(haystack.count - needle.count) where haystack[start] == first {
            var offset = 1
            while offset < needle.count && haystack[start + offset] == needle[offset] { offset += 1 }
            if offset == needle.count { return true }
        }
        return false
    }
}
