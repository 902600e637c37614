/// A half-open range `[start, end)` of Unicode scalar offsets into an article's text.
///
/// The contract counts offsets in code points, so `text[start:end]` in Python is the span.
/// Every stage after tokenization works with these integers, never with `String.Index`.
public struct TextSpan: Hashable, Sendable, Codable, Comparable, CustomStringConvertible {
    /// The first scalar of the span.
    public var start: Int
    /// One past the last scalar of the span.
    public var end: Int

    /// Creates the span `[start, end)`.
    public init(_ start: Int, _ end: Int) {
        self.start = start
        self.end = end
    }

    /// The number of scalars in the span.
    public var length: Int { end - start }
    /// Whether the span covers no scalar.
    public var isEmpty: Bool { start >= end }
    /// Whether `other` lies wholly inside this span.
    public func contains(_ other: TextSpan) -> Bool { start <= other.start && other.end <= end }
    /// Whether the two spans share at least one scalar.
    public func overlaps(_ other: TextSpan) -> Bool { start < other.end && other.start < end }
    /// The span moved by `delta` scalars.
    public func shifted(by delta: Int) -> TextSpan { TextSpan(start + delta, end + delta) }

    public static func < (a: TextSpan, b: TextSpan) -> Bool { (a.start, a.end) < (b.start, b.end) }
    public var description: String { "[\(start), \(end))" }

    // Encoded as the contract's two-element array `[start, end]`.
    public init(from decoder: any Decoder) throws {
        var container = try decoder.unkeyedContainer()
        start = try container.decode(Int.self)
        end = try container.decode(Int.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.unkeyedContainer()
        try container.encode(start)
        try container.encode(end)
    }
}
