/// Where the raw text of a `script` or `style` ends, found in one pass over its bytes, and
/// whether passing over it unread leaves libxml2 where reading it would have.
///
/// libxml2 2.9's HTML parser reads raw text a character at a time (`htmlParseScript`): it
/// decodes each character, copies it, and stops at the first `</` followed by the
/// element's name in any case. When the tree leaves that text out anyway
/// (`ParseLimits.RawText.jsonLDOnly`), the parser can be moved straight to the end tag,
/// provided nothing in the text would have made libxml2 do anything else: report an
/// invalid character, report a close tag of another element inside it, or treat its
/// first character as markup. `scan` says no in each of those cases, and the text is then
/// read as usual.
struct RawTextSkip: Equatable {
    /// The offset of the end tag's `<`.
    let end: Int
    /// How many line feeds come before it.
    let newlines: Int
    /// How many characters (not bytes) come after the last line feed, or after the start
    /// when there is none: libxml2's column count.
    let trailingCharacters: Int

    /// The skip over `bytes`, the raw text of the element `name` (lowercase ASCII) up to the
    /// end of the page, or nil when libxml2 must read it itself:
    /// - the text is empty, or starts with `<` (libxml2 looks for markup there first);
    /// - it holds a control character other than tab, line feed and carriage return, or
    ///   U+FFFE or U+FFFF (libxml2 reports each as an invalid character);
    /// - a `</` in it is not followed by `name` (libxml2 reports a close tag embedded in it);
    /// - it does not end before the end of the page.
    ///
    /// `bytes` must be valid UTF-8, as every page is once decoded.
    static func scan(_ bytes: UnsafeBufferPointer<UInt8>, name: UnsafeBufferPointer<UInt8>) -> RawTextSkip? {
        let count = bytes.count
        guard count > 0, let base = bytes.baseAddress, bytes[0] != UInt8(ascii: "<") else { return nil }
        let raw = UnsafeRawPointer(base)
        var newlines = 0
        var lastNewline = -1
        var index = 0
        while index < count {
            // Eight bytes at a time while none of them is a control character, a `<` or
            // 0xEF (which may begin U+FFFE or U+FFFF): most of a script's bytes.
            if index + 8 <= count && !Self.mayMatter(raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)) {
                index += 8
                continue
            }
            let byte = bytes[index]
            if byte < 0x20 {
                if byte == 0x0A {
                    newlines += 1
                    lastNewline = index
                } else if byte != 0x09 && byte != 0x0D {
                    return nil
                }
            } else if byte == UInt8(ascii: "<") {
                if index + 1 < count && bytes[index + 1] == UInt8(ascii: "/") {
                    guard endTagNames(name, in: bytes, at: index + 2) else { return nil }
                    return RawTextSkip(end: index, newlines: newlines,
                                       trailingCharacters: Self.characters(in: raw, from: lastNewline + 1, to: index))
                }
            } else if byte == 0xEF {
                // U+FFFE and U+FFFF: EF BF BE and EF BF BF.
                if index + 2 < count && bytes[index + 1] == 0xBF && bytes[index + 2] >= 0xBE { return nil }
            }
            index += 1
        }
        return nil
    }

    private static let ones: UInt64 = 0x0101_0101_0101_0101
    private static let highs: UInt64 = 0x8080_8080_8080_8080

    /// Whether any of eight bytes is below 0x20, `<` or 0xEF (a byte is 0 after the xor
    /// exactly where it equals the one looked for; the tests may flag others beside a byte
    /// that matters, never none when one does).
    @inline(__always)
    private static func mayMatter(_ word: UInt64) -> Bool {
        let control = (word &- ones &* 0x20) & ~word & highs
        let less = word ^ (ones &* 0x3C), ef = word ^ (ones &* 0xEF)
        return control | ((less &- ones) & ~less & highs) | ((ef &- ones) & ~ef & highs) != 0
    }

    /// How many UTF-8 characters `start ..< end` holds: its bytes less its continuation
    /// bytes (`10xxxxxx`), eight at a time.
    private static func characters(in raw: UnsafeRawPointer, from start: Int, to end: Int) -> Int {
        var characters = 0
        var index = start
        while index + 8 <= end {
            let word = raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)
            characters += 8 - (word & ~(word << 1) & highs).nonzeroBitCount
            index += 8
        }
        while index < end {
            if raw.load(fromByteOffset: index, as: UInt8.self) & 0xC0 != 0x80 { characters += 1 }
            index += 1
        }
        return characters
    }

    /// Whether `name` follows at `offset`, in any case (a longer name that begins with it
    /// counts, as it does for libxml2).
    private static func endTagNames(_ name: UnsafeBufferPointer<UInt8>, in bytes: UnsafeBufferPointer<UInt8>, at offset: Int) -> Bool {
        guard offset + name.count <= bytes.count else { return false }
        for (index, letter) in name.enumerated() {
            var byte = bytes[offset + index]
            if byte >= 0x41 && byte <= 0x5A { byte |= 0x20 }
            if byte != letter { return false }
        }
        return true
    }
}

extension HTMLDocument {
    /// Whether parsing `bytes` with left-out scripts and styles passed over gives the same
    /// tree and messages as reading them: what `RawTextSkip` promises, checked by the page
    /// fuzzer on arbitrary bytes. True as well when the page does not parse either way.
    @_spi(Checking)
    public static func skippingRawTextAgrees(_ bytes: [UInt8], limits: ParseLimits) -> Bool {
        guard let decoded = try? TextDecoder().decode(bytes) else { return true }
        var limits = limits
        limits.rawText = .jsonLDOnly
        let read = try? LibXML2Parser(limits: limits, skipsDroppedRawText: false)
            .parse(utf8: decoded.utf8, encoding: decoded.encoding, diagnostics: [])
        let skipped = try? LibXML2Parser(limits: limits, skipsDroppedRawText: LibXML2Parser.canSkipRawText)
            .parse(utf8: decoded.utf8, encoding: decoded.encoding, diagnostics: [])
        return read?.tree.nodes == skipped?.tree.nodes
            && read?.diagnostics.map(\.description) == skipped?.diagnostics.map(\.description)
    }
}
