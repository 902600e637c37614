/// A set of tag names looked up without hashing: a name of up to eight ASCII bytes (every
/// HTML tag the article stages ask about) is packed into an integer and searched for
/// among the set's packed names; longer names fall back to a string set. The article
/// stages ask about every element of a page, and hashing each name cost more than the
/// rest of the test.
struct TagSet: Sendable, ExpressibleByArrayLiteral {
    private let packed: [UInt64]
    private let long: Set<String>

    init(_ names: some Sequence<String>) {
        var packed: [UInt64] = []
        var long: Set<String> = []
        for name in names {
            if let key = Self.pack(name) { packed.append(key) } else { long.insert(name) }
        }
        self.packed = packed.sorted()
        self.long = long
    }

    init(arrayLiteral names: String...) {
        self.init(names)
    }

    func contains(_ name: String) -> Bool {
        guard let key = Self.pack(name) else { return long.contains(name) }
        return packed.sortedContains(key)
    }

    /// The name's bytes as one integer, first byte highest; nil for a name longer than
    /// eight bytes, empty or holding a zero byte. Different names pack differently: with
    /// no zero byte, a name's length shows in its packing.
    @inline(__always)
    static func pack(_ name: String) -> UInt64? {
        let utf8 = name.utf8
        guard !utf8.isEmpty, utf8.count <= 8 else { return nil }
        var key: UInt64 = 0
        for byte in utf8 {
            if byte == 0 { return nil }
            key = key << 8 | UInt64(byte)
        }
        return key
    }
}
