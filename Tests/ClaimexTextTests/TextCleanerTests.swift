@testable import ClaimexText
import Testing

@Suite struct TextCleanerTests {
    @Test func asciiWhitespaceAndControlsCollapseOrGo() {
        #expect(TextCleaner.clean("  Lumora\t raised\r\n$40m\u{07} \u{7F}today.  ") == "Lumora raised $40m today.")
    }

    @Test func unicodeSpacesInvisiblesAndC1ControlsToo() {
        #expect(TextCleaner.clean("\u{2003}Ben\u{A0}&\u{202F}Jerry\u{2019}s in\u{AD}vest\u{200B}ment\u{85}of \u{20AC}5m\u{9C}\u{FEFF} ") == "Ben & Jerry\u{2019}s investment of \u{20AC}5m")
        #expect(TextCleaner.clean("\u{3000}\u{2060}") == "")
        #expect(TextCleaner.clean("东京 증권 Zürich") == "东京 증권 Zürich")
        // Four-byte characters, and characters of every length around removed ones.
        #expect(TextCleaner.clean(" \u{1F600}\u{2003}\u{1D518}\u{AD}é\u{200B}中\u{85}\u{1F600} ") == "\u{1F600} \u{1D518}é中 \u{1F600}")
    }

    @Test func byteSearchFindsFragmentsAnywhere() {
        #expect("main-article-body wrap".containsBytes("article-body"))
        #expect("article-body".containsBytes("article-body"))
        #expect("x-body".containsBytes("x-body"))
        #expect(!"article-bod".containsBytes("article-body"))
        #expect(!"articlebody".containsBytes("article-body"))
        #expect("größe-sidebar"[...].containsBytes("sidebar"))
        #expect("anything".containsBytes(""))
    }

    @Test func everyArticleBodyFragmentHoldsAStem() {
        // namesArticleBody skips a class name that holds no stem: every fragment needs one,
        // and the stems begin with the letters it looks for first.
        for fragment in BoilerplateHints.positiveFragments {
            #expect(BoilerplateHints.positiveFragmentStems.contains { fragment.containsBytes($0) }, "\(fragment)")
        }
        #expect(BoilerplateHints.positiveFragmentStems.map(\.first) == ["b", "c", "t"])
        #expect(BoilerplateHints.namesArticleBody("layout main-content wide"))
        #expect(BoilerplateHints.namesArticleBody("Layout Main-Content"))
        #expect(BoilerplateHints.namesArticleBody("STORY-BODY"))
        #expect(BoilerplateHints.namesArticleBody("größe article__body"))
        #expect(!BoilerplateHints.namesArticleBody("layout main-column textual"))
        #expect(!BoilerplateHints.namesArticleBody("Text"))
        #expect(!BoilerplateHints.namesArticleBody(""))
        // Fragments found around a stem anywhere in the value: at its very start or end, a
        // stem that ends another word, and a fragment whose stem is not its first word.
        #expect(BoilerplateHints.namesArticleBody("Article__Body"))
        #expect(BoilerplateHints.namesArticleBody("x rich-text"))
        #expect(BoilerplateHints.namesArticleBody("mobile-story-content2"))
        #expect(BoilerplateHints.namesArticleBody("text-sm post-contents"))
        #expect(!BoilerplateHints.namesArticleBody("body text content"))
        #expect(!BoilerplateHints.namesArticleBody("article_body article--body"))
        #expect(!BoilerplateHints.namesArticleBody("-body"))
    }

    @Test func classWordsSplitAtSeparatorsInAnyScript() {
        #expect(BoilerplateHints.words(of: "article__body-v2 md:hidden") == ["article", "body", "v2", "md", "hidden"])
        #expect(BoilerplateHints.words(of: "artículo-cuerpo") == ["artículo", "cuerpo"])
    }
}
