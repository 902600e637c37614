/// Normalizes the text of one block: whitespace collapsed to single spaces and trimmed,
/// soft hyphens and zero-width characters dropped.
enum TextCleaner {
    /// Characters that carry no text: soft hyphen, zero-width space/joiners, word joiner, BOM.
    static let invisible: Set<Unicode.Scalar> = ["\u{00AD}", "\u{200B}", "\u{200C}", "\u{200D}", "\u{2060}", "\u{FEFF}"]

    static func clean(_ text: String) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        var pendingSpace = false
        for scalar in text.unicodeScalars {
            let value = scalar.value
            if value < 0x80 {
                // ASCII, most of any page: no property lookups.
                if value == 0x20 || (value >= 0x09 && value <= 0x0D) {
                    pendingSpace = !bytes.isEmpty
                    continue
                }
                // Control characters are not text.
                if value < 0x20 || value == 0x7F { continue }
                if pendingSpace {
                    bytes.append(0x20)
                    pendingSpace = false
                }
                bytes.append(UInt8(value))
                continue
            }
            if invisible.contains(scalar) { continue }
            if scalar.properties.isWhitespace || value == 0x85 {
                pendingSpace = !bytes.isEmpty
                continue
            }
            // C1 control characters are not text either.
            if value < 0xA0 { continue }
            if pendingSpace {
                bytes.append(0x20)
                pendingSpace = false
            }
            UTF8.encode(scalar) { bytes.append($0) }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
