import ClaimexModel

/// A sentence of an analyzed text.
public struct Sentence: Sendable, Hashable {
    /// The sentence's scalar offsets, from the start of its first token to the end of its
    /// last token (so it never begins or ends with whitespace).
    public let span: TextSpan
    /// Indices into `AnalyzedText.tokens` of the sentence's tokens; never empty.
    public let tokens: Range<Int>

    /// Creates a sentence from its span and token index range.
    public init(span: TextSpan, tokens: Range<Int>) {
        self.span = span
        self.tokens = tokens
    }
}

/// The result of `Tokenizer.analyze(_:blocks:)`: the text, its Unicode scalars, its tokens
/// in text order and its sentences in text order.
///
/// Every token belongs to exactly one sentence; sentences are contiguous, non-overlapping
/// runs of tokens and never cross a block boundary.
public struct AnalyzedText: Sendable {
    /// The original text.
    public let text: String
    /// `text.unicodeScalars` as an array; all spans index into it.
    public let scalars: [Unicode.Scalar]
    /// All tokens, ordered by position.
    public let tokens: [Token]
    /// All sentences, ordered by position.
    public let sentences: [Sentence]

    /// Creates an analyzed text from parts. Normally produced by `Tokenizer`; this
    /// initializer exists so other components can build fixtures. `scalars` is derived from `text`.
    public init(text: String, tokens: [Token], sentences: [Sentence]) {
        self.init(text: text, scalars: Array(text.unicodeScalars), tokens: tokens, sentences: sentences)
    }

    init(text: String, scalars: [Unicode.Scalar], tokens: [Token], sentences: [Sentence]) {
        self.text = text
        self.scalars = scalars
        self.tokens = tokens
        self.sentences = sentences
    }

    // MARK: - Access

    /// The text covered by `span` (scalar offsets), clamped to the text's bounds.
    public func string(_ span: TextSpan) -> String {
        let start = min(max(span.start, 0), scalars.count)
        let end = min(max(span.end, start), scalars.count)
        return String(scalars: scalars[start..<end])
    }

    /// The tokens of `sentence`.
    public func tokens(of sentence: Sentence) -> ArraySlice<Token> {
        tokens[sentence.tokens]
    }

    /// The span from the start of the first to the end of the last token in `range`
    /// (indices into `tokens`); `nil` when the range is empty or out of bounds.
    public func span(ofTokens range: Range<Int>) -> TextSpan? {
        guard !range.isEmpty, range.lowerBound >= 0, range.upperBound <= tokens.count else { return nil }
        return TextSpan(tokens[range.lowerBound].span.start, tokens[range.upperBound - 1].span.end)
    }
}
