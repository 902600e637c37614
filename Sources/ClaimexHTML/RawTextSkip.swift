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
        guard count > 0, bytes[0] != UInt8(ascii: "<") else { return nil }
        var newlines = 0
        var lastNewline = -1
        var index = 0
        while index < count {
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
                    var characters = 0
                    for position in (lastNewline + 1)..<index where bytes[position] & 0xC0 != 0x80 { characters += 1 }
                    return RawTextSkip(end: index, newlines: newlines, trailingCharacters: characters)
                }
            } else if byte == 0xEF {
                // U+FFFE and U+FFFF: EF BF BE and EF BF BF.
                if index + 2 < count && bytes[index + 1] == 0xBF && bytes[index + 2] >= 0xBE { return nil }
            }
            index += 1
        }
        return nil
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
