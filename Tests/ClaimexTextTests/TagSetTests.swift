@testable import ClaimexText
import Testing

@Suite struct TagSetTests {
    /// Packed names are told apart by length and bytes; names past eight bytes use the
    /// string set.
    @Test func membershipIsExactForShortAndLongNames() {
        let tags: TagSet = ["a", "b", "ab", "script", "noscript", "blockquote", "#text"]
        for name in ["a", "b", "ab", "script", "noscript", "blockquote", "#text"] { #expect(tags.contains(name), "\(name)") }
        for name in ["", "ba", "abc", "scrip", "scripts", "noscripts", "blockquot", "blockquotes", "A", "\u{0}a", "ü"] {
            #expect(!tags.contains(name), "\(name)")
        }
        #expect(TagSet.pack("\u{0}a") == nil)
        #expect(TagSet(["\u{0}a"]).contains("\u{0}a") && !TagSet(["\u{0}a"]).contains("a"))
    }

    /// Letters, digits and commas of a text node, read byte by byte, count as the
    /// scalars' properties say.
    @Test(arguments: ["Hello, world 42", "Zürich, ½ and ² count; 東京，大阪", "", ",,,", "emoji 😀 x", "Ωmega-3"])
    func lettersAndCommasMatchTheScalarProperties(_ text: String) {
        var letters = 0, commas = 0
        for scalar in text.unicodeScalars {
            if scalar.properties.isAlphabetic || scalar.properties.numericType != nil { letters += 1 }
            else if scalar == "," || scalar == "，" { commas += 1 }
        }
        let counted = PageTree.lettersAndCommas(text)
        #expect(counted.letters == letters)
        #expect(counted.commas == commas)
    }
}
