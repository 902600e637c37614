@_spi(Checking) @testable import ClaimexHTML
import ClaimexModel
import Foundation
import Testing

/// Passing over a left-out script or style must leave the tree and libxml2's messages as
/// reading it does; `RawTextSkip.scan` says where that holds.
@Suite struct RawTextSkipTests {
    private func scan(_ text: String, _ name: String = "script") -> RawTextSkip? {
        let bytes = Array(text.utf8), name = Array(name.utf8)
        return bytes.withUnsafeBufferPointer { bytes in name.withUnsafeBufferPointer { RawTextSkip.scan(bytes, name: $0) } }
    }

    @Test func endIsTheFirstEndTagOfTheElementInAnyCase() {
        #expect(scan("var a = 1;</script>") == RawTextSkip(end: 10, newlines: 0, trailingCharacters: 10))
        #expect(scan("x</SCRIPT >") == RawTextSkip(end: 1, newlines: 0, trailingCharacters: 1))
        // libxml2 compares the name's length only: a longer name that begins with it ends the text too.
        #expect(scan("x</scripts>") == RawTextSkip(end: 1, newlines: 0, trailingCharacters: 1))
        #expect(scan("p{}</style>", "style") == RawTextSkip(end: 3, newlines: 0, trailingCharacters: 3))
    }

    @Test func linesAndColumnsAreCountedInCharacters() {
        #expect(scan("a\n\u{E9}\u{E9}\nxy\u{20AC}z\n</script>") == RawTextSkip(end: 14, newlines: 3, trailingCharacters: 0))
        #expect(scan("a\n\u{E9}t\u{20AC}z;</script>") == RawTextSkip(end: 10, newlines: 1, trailingCharacters: 5))
    }

    @Test func whatLibxml2WouldReportOrReadAsMarkupIsNotSkipped() {
        #expect(scan("") == nil)
        #expect(scan("<p>x</script>") == nil)
        #expect(scan("document.write('</div>');</script>") == nil)
        #expect(scan("a\u{1}b</script>") == nil)
        #expect(scan("a\u{0}b</script>") == nil)
        #expect(scan("a\u{FFFE}</script>") == nil)
        #expect(scan("a\u{FFFF}</script>") == nil)
        #expect(scan("never ends") == nil)
        #expect(scan("ends at the page's end </scr") == nil)
        // Tab, carriage return and U+FFFD are characters like any other.
        #expect(scan("a\tb\r\n\u{FFFD};</script>") == RawTextSkip(end: 9, newlines: 1, trailingCharacters: 2))
    }

    /// The scan as the rules above say it, one byte at a time: what the eight-byte scan
    /// must agree with wherever the byte that matters falls in a word.
    private func reference(_ text: String, _ name: String = "script") -> RawTextSkip? {
        let bytes = Array(text.utf8), name = Array(name.utf8)
        guard let first = bytes.first, first != UInt8(ascii: "<") else { return nil }
        var newlines = 0, lastNewline = -1
        for index in bytes.indices {
            let byte = bytes[index]
            if byte < 0x20 && byte != 0x09 && byte != 0x0A && byte != 0x0D { return nil }
            if byte == 0x0A { newlines += 1; lastNewline = index }
            if byte == 0xEF && index + 2 < bytes.count && bytes[index + 1] == 0xBF && bytes[index + 2] >= 0xBE { return nil }
            if byte == UInt8(ascii: "<") && index + 1 < bytes.count && bytes[index + 1] == UInt8(ascii: "/") {
                let after = bytes[(index + 2)...].prefix(name.count).map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }
                guard after == name else { return nil }
                let characters = bytes[(lastNewline + 1)..<index].filter { $0 & 0xC0 != 0x80 }.count
                return RawTextSkip(end: index, newlines: newlines, trailingCharacters: characters)
            }
        }
        return nil
    }

    @Test func eightBytesAtATimeAgreesWithOneAtATime() {
        let fillers = ["var total = items.reduce((a, b) => a + b, 0); ", "x=\u{E9}\u{20AC}\u{1F600};", "if (a > b) { c(); }\n"]
        let specials = ["", "\n", "\r\n", "\t", "\u{1}", "\u{0}", "\u{7F}", "\u{FFFE}", "\u{FFFF}", "\u{FEFF}", "\u{EFBF}",
                        "</div>", "< /", "<", "a<b", "\u{E9}"]
        var checked = 0
        for filler in fillers {
            for special in specials {
                for offset in 0..<17 {
                    let prefix = String(repeating: "a", count: offset + 1)
                    for ending in ["</script>", "</SCRIPT", "</scr", ""] {
                        let text = prefix + special + filler + filler + special + filler + ending
                        #expect(scan(text) == reference(text), "\(text.debugDescription)")
                        checked += 1
                    }
                }
            }
        }
        #expect(checked == 3 * 16 * 17 * 4)
    }

    /// Pages whose scripts and styles are passed over, or not, in every way `scan` tells
    /// apart, each with a mistake after them so that libxml2 reports a line number.
    static let pages: [String] = [
        "<html><head><style>p { color: red }</style><script>var a = 1;\nvar b = 2;\n</script></head><body><p>x</q>\n</body></html>",
        "<html><head><script type=\"application/ld+json\">{\"a\": 1}</script><script>\u{E9}\n\u{E9}x;</script></head><body><b>t</i></body></html>",
        "<script>a()</SCRIPT><p>after</x>",
        "<html><body><script>document.write('</div>');\n</script><p>\n</q></body></html>",
        "<html><body><script>bad\u{1}char\n</script>\n<p>t</q></body></html>",
        "<html><body><script><p>markup first</p></script>\n</q></body></html>",
        "<html><body><script></script><style></style><script/>\n</q></body></html>",
        "<html><body><script>a\u{E9}</script>\n</q></body></html>",
        "<html><body><script>a\u{20AC}\n</script>\n</q></body></html>",
        "<html><body><script>\n\n\n</script><p>x\n</q></body></html>",
        "<html><body><p>text<script>x = 1</script>more text</p>\n</q></body></html>",
        "<html><body><script data-x=\"a>b\">x = '>'</script>\n</q></body></html>",
        "<html><body><script>never closed\n\n</q></body></html>",
        "<html><body><script>x</scripts>\n</q></body></html>",
        "<html><body>\(String(repeating: "<div>", count: 6))<script>deep</script>\n</q></body></html>",
        "<html><body></body></html>\n<script>after the root\n</script>\n</q>",
        "<SCRIPT TYPE=text/javascript>var x;\r\nvar y;\r\n</Script>\r\n<p>t</q>",
    ]

    @Test(arguments: pages) func passingOverLeavesTreeAndMessagesAsReading(_ page: String) throws {
        let decoded = try TextDecoder().decode(Array(page.utf8))
        let limits = ParseLimits(maxDepth: 5, rawText: .jsonLDOnly)
        let read = try LibXML2Parser(limits: limits, skipsDroppedRawText: false)
            .parseCountingSkips(utf8: decoded.utf8, encoding: decoded.encoding, diagnostics: [])
        let skipped = try LibXML2Parser(limits: limits, skipsDroppedRawText: true)
            .parseCountingSkips(utf8: decoded.utf8, encoding: decoded.encoding, diagnostics: [])
        #expect(read.skipped == 0)
        #expect(skipped.document.tree.nodes == read.document.tree.nodes)
        #expect(skipped.document.diagnostics.map(\.description) == read.document.diagnostics.map(\.description))
    }

    @Test func scriptsAndStylesAreSkippedWhereTheyCanBe() throws {
        guard LibXML2Parser.canSkipRawText else { return }
        let counts = try Self.pages.map { page in
            let decoded = try TextDecoder().decode(Array(page.utf8))
            return try LibXML2Parser(limits: ParseLimits(maxDepth: 5, rawText: .jsonLDOnly))
                .parseCountingSkips(utf8: decoded.utf8, encoding: decoded.encoding, diagnostics: []).skipped
        }
        #expect(counts == [2, 1, 1, 0, 0, 0, 0, 1, 1, 1, 1, 1, 0, 1, 0, 1, 1])
    }

    /// Every Corpus page parses the same either way, scripts passed over or read.
    @Test func corpusPagesParseTheSameEitherWay() throws {
        let corpus = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Corpus")
        let files = FileManager.default.enumerator(at: corpus, includingPropertiesForKeys: nil)?
            .compactMap { $0 as? URL }.filter { $0.pathExtension == "html" } ?? []
        #expect(files.count >= 30)
        for file in files {
            let bytes = try [UInt8](Data(contentsOf: file))
            #expect(HTMLDocument.skippingRawTextAgrees(bytes, limits: ParseLimits()), "\(file.lastPathComponent)")
        }
    }
}
