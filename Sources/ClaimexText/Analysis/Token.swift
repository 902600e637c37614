import ClaimexModel
import Foundation

/// One token of an analyzed text: a word, number, punctuation mark, symbol or other unit,
/// with its position as Unicode scalar offsets and a few precomputed views that rules match on.
///
/// The derived properties (`lower`, `isCapitalized`, `numberValue`) are computed once at
/// construction because rule matching reads them many times per token; `shape` is made
/// when asked for.
public struct Token: Sendable, Hashable {
    /// The broad category of a token.
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        /// Letters (possibly with digits, internal `&`, `.` or apostrophes): `Acme`, `a16z`,
        /// `AT&T`, `Amazon.com`, `U.S.`, `Inc.`, `'s`, `n't`, a single CJK character.
        case word
        /// Digits with optional `.`/`,` separators: `2.5`, `1,200`, `34,90`.
        case number
        /// Punctuation: `.` `,` `-` `–` `—` `(` `)` `"` `“` `'` `/` `…` `...` and the like.
        case punctuation
        /// Symbols: currency signs (`$`, `€`, `US$`), `%`, `&`, `#`, `@`, `+`, `°`, `™`, ….
        case symbol
        /// Anything else: emoji, URLs, e-mail addresses, stray marks and unassigned scalars.
        case other
    }

    /// The token's text, exactly as it appears in the source.
    public let text: String
    /// Where the token is, in Unicode scalar offsets into the analyzed text.
    public let span: TextSpan
    /// The token's broad category.
    public let kind: Kind
    /// Whether whitespace (or a block boundary) precedes this token. `false` for the first
    /// token of a text and for tokens glued to the previous one, such as `bn` in `$2.5bn`
    /// or `-` and `based` in `Paris-based`.
    public let spaceBefore: Bool
    /// The lowercased text.
    public let lower: String
    /// spaCy-style word shape: uppercase letters → `X`, other letters → `x`, digits → `d`,
    /// everything else kept; runs of the same shape character longer than 4 are cut to 4
    /// (`Lumora` → `Xxxxx`, `2.5` → `d.d`, `AT&T` → `XX&X`, `1,200,000` → `d,ddd,ddd`).
    /// Made when asked for: matching asks only for the tokens a shape test may pass.
    public var shape: String { Token.shape(of: text) }
    /// Whether the first letter of the token is uppercase (`Acme`, `US$`, `3M`; not `iPhone`).
    public let isCapitalized: Bool
    /// For `.number` tokens, the value parsed by `NumberParser`; `nil` otherwise or when
    /// the digits are not a well-formed number (such as the version string `3.5.1`).
    public let numberValue: Decimal?

    /// Creates a token and computes its derived properties.
    /// - Parameters:
    ///   - text: The token text, identical to the source scalars covered by `span`.
    ///   - span: The token's scalar offsets.
    ///   - kind: The token category; `numberValue` is only computed for `.number`.
    ///   - spaceBefore: Whether whitespace precedes the token.
    public init(text: String, span: TextSpan, kind: Kind, spaceBefore: Bool) {
        self.text = text
        self.span = span
        self.kind = kind
        self.spaceBefore = spaceBefore
        // ASCII text, most tokens, is read as bytes: without capitals it is its own lowercase.
        let ascii = text.utf8.withContiguousStorageIfAvailable { bytes -> (hasCapital: Bool, firstLetterCapital: Bool)? in
            var hasCapital = false
            var firstLetter: UInt8?
            for byte in bytes {
                if byte >= 0x80 { return nil }
                if byte >= 0x41 && byte <= 0x5A { hasCapital = true }
                if firstLetter == nil && (byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A { firstLetter = byte }
            }
            return (hasCapital, firstLetter.map { $0 <= 0x5A } ?? false)
        } ?? nil
        if let ascii {
            self.lower = ascii.hasCapital ? text.lowercased() : text
            self.isCapitalized = ascii.firstLetterCapital
        } else {
            self.lower = text.lowercased()
            self.isCapitalized = text.unicodeScalars.first(where: \.isLetterLike)?.isUppercaseLetter ?? false
        }
        self.numberValue = kind == .number ? NumberParser.value(of: text) : nil
    }

    // MARK: - Shape

    /// Computes the spaCy-style shape of `text` (see `shape`).
    public static func shape(of text: String) -> String {
        if let ascii = text.utf8.withContiguousStorageIfAvailable({ asciiShape($0) }) ?? nil {
            return ascii
        }
        var shape = String.UnicodeScalarView()
        var previous: Unicode.Scalar?
        var run = 0
        for scalar in text.unicodeScalars {
            let mapped: Unicode.Scalar
            if scalar.isDigitLike {
                mapped = "d"
            } else if scalar.isLetterLike {
                mapped = scalar.isUppercaseLetter ? "X" : "x"
            } else {
                mapped = scalar
            }
            if mapped == previous {
                run += 1
                if run > 4 { continue }
            } else {
                previous = mapped
                run = 1
            }
            shape.append(mapped)
        }
        return String(shape)
    }

    /// The shape character of an ASCII byte: `d` for a digit, `X` for an uppercase
    /// letter, `x` for a lowercase one, else the byte itself.
    @inlinable
    public static func shapeCharacter(ofASCII byte: UInt8) -> UInt8 {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): UInt8(ascii: "d")
        case UInt8(ascii: "A")...UInt8(ascii: "Z"): UInt8(ascii: "X")
        case UInt8(ascii: "a")...UInt8(ascii: "z"): UInt8(ascii: "x")
        default: byte
        }
    }

    /// The same mapping on raw bytes for all-ASCII text (the common case), or `nil` when
    /// `bytes` contains anything else.
    private static func asciiShape(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
        guard bytes.allSatisfy({ $0 < 0x80 }) else { return nil }
        return String(unsafeUninitializedCapacity: bytes.count) { buffer in
            var count = 0
            var previous: UInt8 = 0
            var run = 0
            for byte in bytes {
                let mapped = shapeCharacter(ofASCII: byte)
                if mapped == previous {
                    run += 1
                    if run > 4 { continue }
                } else {
                    previous = mapped
                    run = 1
                }
                buffer[count] = mapped
                count += 1
            }
            return count
        }
    }
}

extension Token: CustomStringConvertible {
    /// `text@[start, end)`, handy in test failure messages.
    public var description: String { "\(text)@\(span)" }
}
