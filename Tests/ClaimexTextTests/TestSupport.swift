import ClaimexModel
import ClaimexText
import Foundation
import Testing

/// An expected token: text, scalar span, kind and `spaceBefore`.
struct T: Sendable, Equatable, CustomStringConvertible {
    let text: String
    let start: Int
    let end: Int
    let kind: Token.Kind
    let spaceBefore: Bool

    init(_ text: String, _ start: Int, _ end: Int, _ kind: Token.Kind, _ spaceBefore: Bool) {
        self.text = text
        self.start = start
        self.end = end
        self.kind = kind
        self.spaceBefore = spaceBefore
    }

    init(_ token: Token) {
        self.init(token.text, token.span.start, token.span.end, token.kind, token.spaceBefore)
    }

    var description: String { "\(text)@[\(start),\(end)) \(kind)\(spaceBefore ? " ␣" : "")" }
}

/// A tokenizer input with its exact expected tokens.
struct TokenCase: Sendable, CustomTestStringConvertible {
    let input: String
    let expected: [T]

    init(_ input: String, _ expected: [T]) {
        self.input = input
        self.expected = expected
    }

    var testDescription: String { input }
}

/// An expected sentence: its text and scalar span.
struct S: Sendable, Equatable, CustomStringConvertible {
    let text: String
    let start: Int
    let end: Int

    init(_ text: String, _ start: Int, _ end: Int) {
        self.text = text
        self.start = start
        self.end = end
    }

    var description: String { "\(text)@[\(start),\(end))" }
}

/// A text (one block) with its exact expected sentences.
struct SentenceCase: Sendable, CustomTestStringConvertible {
    let input: String
    let expected: [S]

    init(_ input: String, _ expected: [S]) {
        self.input = input
        self.expected = expected
    }

    var testDescription: String { input }
}

/// `Decimal(string:)` for test literals, so no value ever passes through `Double`.
func dec(_ literal: String) -> Decimal {
    guard let value = Decimal(string: literal, locale: Locale(identifier: "en_US_POSIX")) else {
        Issue.record("bad decimal literal \(literal)")
        return .nan
    }
    return value
}

/// Tokenizes `input` as one block and returns the tokens as `T` values.
func tokens(_ input: String) -> [T] {
    Tokenizer().tokenize(input).map(T.init)
}

/// Analyzes `input` as one block and returns its sentences as `S` values.
func sentences(_ input: String, blocks: [TextSpan] = []) -> [S] {
    let analyzed = Tokenizer().analyze(input, blocks: blocks)
    return analyzed.sentences.map { S(analyzed.string($0.span), $0.span.start, $0.span.end) }
}

/// Checks the structural invariants every analysis must satisfy: token and sentence spans
/// read back as their text, tokens are ordered and whitespace-free, and sentences partition
/// the tokens without leading or trailing whitespace.
func checkInvariants(_ analyzed: AnalyzedText, sourceLocation: SourceLocation = #_sourceLocation) {
    let scalars = Array(analyzed.text.unicodeScalars)
    #expect(analyzed.scalars == scalars, sourceLocation: sourceLocation)
    var previousEnd = 0
    for token in analyzed.tokens {
        let read = String(String.UnicodeScalarView(scalars[token.span.start..<token.span.end]))
        #expect(read == token.text, "token \(token)", sourceLocation: sourceLocation)
        #expect(analyzed.string(token.span) == token.text, sourceLocation: sourceLocation)
        #expect(token.span.start >= previousEnd && !token.span.isEmpty, "token \(token)", sourceLocation: sourceLocation)
        #expect(!token.text.unicodeScalars.contains { $0.properties.isWhitespace }, "token \(token)", sourceLocation: sourceLocation)
        previousEnd = token.span.end
    }
    var nextToken = 0
    for sentence in analyzed.sentences {
        #expect(sentence.tokens.lowerBound == nextToken, sourceLocation: sourceLocation)
        #expect(!sentence.tokens.isEmpty, sourceLocation: sourceLocation)
        nextToken = sentence.tokens.upperBound
        let text = analyzed.string(sentence.span)
        #expect(text == text.trimmingCharacters(in: .whitespacesAndNewlines), "sentence \(sentence.span)", sourceLocation: sourceLocation)
        #expect(sentence.span.start == analyzed.tokens[sentence.tokens.lowerBound].span.start, sourceLocation: sourceLocation)
        #expect(sentence.span.end == analyzed.tokens[sentence.tokens.upperBound - 1].span.end, sourceLocation: sourceLocation)
    }
    #expect(nextToken == analyzed.tokens.count, "sentences cover all tokens", sourceLocation: sourceLocation)
}
