/// Normalizes the text of one block: whitespace collapsed to single spaces and trimmed,
/// soft hyphens and zero-width characters dropped.
enum TextCleaner {
    /// Characters that carry no text: soft hyphen, zero-width space/joiners, word joiner, BOM.
    static let invisible: Set<Unicode.Scalar> = ["\u{00AD}", "\u{200B}", "\u{200C}", "\u{200D}", "\u{2060}", "\u{FEFF}"]

    static func clean(_ text: String) -> String {
        var scalars = String.UnicodeScalarView()
        var pendingSpace = false
        for scalar in text.unicodeScalars {
            if invisible.contains(scalar) { continue }
            if scalar.properties.isWhitespace || scalar == "\u{85}" {
                pendingSpace = !scalars.isEmpty
                continue
            }
            if scalar.value < 0x20 || (scalar.value >= 0x7F && scalar.value < 0xA0) {
                // Control characters (C0 and C1) are not text.
                continue
            }
            if pendingSpace {
                scalars.append(" ")
                pendingSpace = false
            }
            scalars.append(scalar)
        }
        return String(scalars)
    }
}
