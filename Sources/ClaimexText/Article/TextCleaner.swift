/// Normalizes the text of one block: whitespace collapsed to single spaces and trimmed,
/// soft hyphens and zero-width characters dropped.
enum TextCleaner {
    /// Characters that carry no text: soft hyphen, zero-width space/joiners, word joiner, BOM.
    static let invisible: Set<Unicode.Scalar> = ["\u{00AD}", "\u{200B}", "\u{200C}", "\u{200D}", "\u{2060}", "\u{FEFF}"]

    /// Read as UTF-8 bytes and written straight into the new string (never longer than the
    /// text): ASCII, most of any page, byte by byte, and only other characters decoded.
    static func clean(_ text: String) -> String {
        var text = text
        return text.withUTF8 { input in
            String(unsafeUninitializedCapacity: input.count) { output in
                var count = 0
                var pendingSpace = false
                var index = 0
                while index < input.count {
                    let byte = input[index]
                    if byte < 0x80 {
                        index += 1
                        // ASCII: no property lookups.
                        if byte == 0x20 || (byte >= 0x09 && byte <= 0x0D) {
                            pendingSpace = count > 0
                            continue
                        }
                        // Control characters are not text.
                        if byte < 0x20 || byte == 0x7F { continue }
                        if pendingSpace {
                            output[count] = 0x20
                            count += 1
                            pendingSpace = false
                        }
                        output[count] = byte
                        count += 1
                        continue
                    }
                    // A string's bytes are valid UTF-8: the lead byte gives the length.
                    let length = byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : 2
                    var value = UInt32(byte) & (length == 2 ? 0x1F : length == 3 ? 0x0F : 0x07)
                    for next in 1..<length { value = value << 6 | UInt32(input[index + next] & 0x3F) }
                    let start = index
                    index += length
                    guard let scalar = Unicode.Scalar(value), !invisible.contains(scalar) else { continue }
                    if scalar.properties.isWhitespace || value == 0x85 {
                        pendingSpace = count > 0
                        continue
                    }
                    // C1 control characters are not text either.
                    if value < 0xA0 { continue }
                    if pendingSpace {
                        output[count] = 0x20
                        count += 1
                        pendingSpace = false
                    }
                    for offset in 0..<length { output[count + offset] = input[start + offset] }
                    count += length
                }
                return count
            }
        }
    }
}
