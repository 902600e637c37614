/// One of N deterministic shares of the inputs (`--shard K/N`): a page belongs to share
/// `hash(path) mod N + 1`, where the hash is FNV-1a of the path's UTF-8 bytes, so the shares
/// of one input list cover it exactly once, the same way on every machine and in every run,
/// and adding a page never moves another page to a different share.
public struct Shard: Sendable, Hashable, CustomStringConvertible {
    /// This share, 1 to `count`.
    public let index: Int
    /// How many shares there are.
    public let count: Int

    /// Creates share `index` of `count`; nil unless 1 ≤ index ≤ count.
    public init?(index: Int, count: Int) {
        guard count >= 1, (1...count).contains(index) else { return nil }
        self.index = index
        self.count = count
    }

    /// Reads `K/N` (`2/8`); nil when the text is not that or K is not between 1 and N.
    public init?(_ text: String) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let index = Int(parts[0]), let count = Int(parts[1]) else { return nil }
        self.init(index: index, count: count)
    }

    /// Whether the page at `path` belongs to this share.
    public func contains(_ path: String) -> Bool {
        Int(Self.hash(path) % UInt64(count)) + 1 == index
    }

    /// This share's pages of `items`, in their order.
    public func select(_ items: [InputItem]) -> [InputItem] {
        items.filter { contains($0.path) }
    }

    /// 64-bit FNV-1a of the UTF-8 bytes.
    static func hash(_ path: String) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in path.utf8 {
            hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3
        }
        return hash
    }

    public var description: String { "\(index)/\(count)" }
}
