// Character classes used by the tokenizer, the sentence splitter and the
// token-level derived properties. Every predicate has an ASCII fast path
// because news text is overwhelmingly ASCII and `Unicode.Scalar.Properties`
// lookups, while cheap, are not free when done several times per scalar.

extension Unicode.Scalar {
    // MARK: - Separators

    /// Whitespace in the widest sense: Unicode whitespace (incl. NBSP U+00A0,
    /// thin space U+2009, narrow NBSP U+202F, line/paragraph separators), control
    /// characters, and invisible zero-width separators (U+200B, U+2060, BOM U+FEFF,
    /// U+180E). Tokens never contain any of these.
    @inline(__always)
    var isSeparator: Bool {
        if value < 0x80 { return value <= 0x20 || value == 0x7F }
        switch value {
        case 0x200B, 0x2060, 0xFEFF, 0x180E: return true
        default: return properties.isWhitespace || properties.generalCategory == .control
        }
    }

    // MARK: - Letters, digits, marks

    /// ASCII `0`–`9` or any other Unicode decimal digit (`Nd`).
    @inline(__always)
    var isDigitLike: Bool {
        if value < 0x80 { return value >= 0x30 && value <= 0x39 }
        return properties.generalCategory == .decimalNumber
    }

    /// An alphabetic scalar (letters plus alphabetic marks), including CJK.
    @inline(__always)
    var isLetterLike: Bool {
        if value < 0x80 { return (value | 0x20) >= 0x61 && (value | 0x20) <= 0x7A }
        return properties.isAlphabetic
    }

    /// Uppercase letter (`A`–`Z` fast path).
    @inline(__always)
    var isUppercaseLetter: Bool {
        if value < 0x80 { return value >= 0x41 && value <= 0x5A }
        return properties.isUppercase
    }

    /// Lowercase letter (`a`–`z` fast path).
    @inline(__always)
    var isLowercaseLetter: Bool {
        if value < 0x80 { return value >= 0x61 && value <= 0x7A }
        return properties.isLowercase
    }

    /// Combining mark (Mn, Mc, Me) – includes variation selectors.
    @inline(__always)
    var isMark: Bool {
        if value < 0x300 { return false }
        switch properties.generalCategory {
        case .nonspacingMark, .spacingMark, .enclosingMark: return true
        default: return false
        }
    }

    /// Han ideographs, Hiragana and Katakana: scripts written without spaces.
    /// Each such character becomes its own token (see `Tokenizer`).
    @inline(__always)
    var isCJKCharacter: Bool {
        let v = value
        if v < 0x3040 { return false }
        return (0x3040...0x30FF).contains(v)      // Hiragana, Katakana
            || (0x31F0...0x31FF).contains(v)      // Katakana phonetic extensions
            || (0x3400...0x4DBF).contains(v)      // CJK Extension A
            || (0x4E00...0x9FFF).contains(v)      // CJK Unified Ideographs
            || (0xF900...0xFAFF).contains(v)      // CJK Compatibility Ideographs
            || (0xFF66...0xFF9F).contains(v)      // Halfwidth Katakana
            || (0x20000...0x3FFFF).contains(v)    // Supplementary ideographic planes
    }

    /// A scalar that may continue a word token: non-CJK letters, digits, combining
    /// marks, and the invisible joiners used inside words (ZWNJ, ZWJ, soft hyphen).
    @inline(__always)
    var continuesWord: Bool {
        if value < 0x80 {
            let folded = value | 0x20
            return (folded >= 0x61 && folded <= 0x7A) || (value >= 0x30 && value <= 0x39)
        }
        if value == 0x200C || value == 0x200D || value == 0xAD { return true }
        if isCJKCharacter { return false }
        return properties.isAlphabetic || isMark || properties.generalCategory == .decimalNumber
    }

    /// Letter or digit (non-CJK); used to decide whether a joiner (`&`, `'`) is word-internal.
    @inline(__always)
    var isAlphanumericLike: Bool { (isLetterLike && !isCJKCharacter) || isDigitLike }

    // MARK: - Quotes and apostrophes

    /// `'` or the right single quotation mark `’`, which is also the typographic apostrophe.
    @inline(__always)
    var isApostrophe: Bool { value == 0x27 || value == 0x2019 }

    // MARK: - Emoji

    /// Regional indicator symbols (flag halves).
    @inline(__always)
    var isRegionalIndicator: Bool { (0x1F1E6...0x1F1FF).contains(value) }

    /// Scalars that extend an emoji grapheme cluster: variation selectors, skin-tone
    /// modifiers, the combining keycap and tag characters (used in subdivision flags).
    @inline(__always)
    var extendsEmoji: Bool {
        let v = value
        return v == 0xFE0E || v == 0xFE0F || v == 0x20E3
            || (0x1F3FB...0x1F3FF).contains(v) || (0xE0020...0xE007F).contains(v)
    }
}

// MARK: - String building

extension String {
    /// Builds a string from a run of scalars by writing their UTF-8 directly, which is several
    /// times faster than going through `String.UnicodeScalarView`'s generic append.
    init(scalars: ArraySlice<Unicode.Scalar>) {
        var byteCount = 0
        for scalar in scalars { byteCount += scalar.value < 0x80 ? 1 : UTF8.width(scalar) }
        self.init(unsafeUninitializedCapacity: byteCount) { buffer in
            var offset = 0
            for scalar in scalars {
                // ASCII, most of a token's text, is its own byte.
                if scalar.value < 0x80 {
                    buffer[offset] = UInt8(truncatingIfNeeded: scalar.value)
                    offset += 1
                    continue
                }
                for byte in scalar.utf8 {
                    buffer[offset] = byte
                    offset += 1
                }
            }
            return offset
        }
    }
}
