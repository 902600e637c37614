import Claimex
@testable import ClaimexExtract
import ClaimexModel
import ClaimexRules
import Testing

/// A long article is read in windows of blocks; its records are those of reading it whole
/// when no construction crosses a window.
@Suite struct LongArticleTests {
    static let rules: RuleSet = {
        do {
            return try RuleLibrary.load(directory: nil)
        } catch {
            fatalError("the default rules do not compile:\n\(error)")
        }
    }()

    static func article(paragraphs: [String]) -> Article {
        var text = ""
        var blocks: [Block] = []
        for paragraph in paragraphs {
            if !text.isEmpty { text += "\n\n" }
            let start = text.unicodeScalars.count
            text += paragraph
            blocks.append(Block(kind: .paragraph, span: TextSpan(start, text.unicodeScalars.count)))
        }
        return Article(metadata: ArticleMetadata(), text: text, blocks: blocks)
    }

    @Test func windowsCutBetweenBlocksAndKeepAnOversizedBlockWhole() {
        let blocks = [TextSpan(0, 40), TextSpan(42, 90), TextSpan(92, 300), TextSpan(302, 320), TextSpan(322, 340)]
            .map { Block(kind: .paragraph, span: $0) }
        #expect(ClaimExtractor.windows(of: blocks, limit: 100) == [0..<2, 2..<3, 3..<5])
        #expect(ClaimExtractor.windows(of: blocks, limit: 1000) == [0..<5])
        #expect(ClaimExtractor.windows(of: [], limit: 100) == [])
    }

    @Test func windowedRecordsEqualTheWholeArticlesRecords() {
        let paragraphs = (1...12).map { number in
            "Quarry Ventures invested $\(number) million in Lumora Labs, a Lisbon-based maker of batteries, in round \(number)."
        }
        let article = Self.article(paragraphs: paragraphs)
        let doc = DocumentID(hex: "00000000000000aa")
        let whole = ClaimExtractor(rules: Self.rules).claims(of: article, doc: doc)
        let extractor = ClaimExtractor(rules: Self.rules, windowScalars: 250)
        #expect(ClaimExtractor.windows(of: article.blocks, limit: 250).count == 6)
        let windowed = extractor.claims(of: article, doc: doc)
        #expect(whole.money.count == 12)
        #expect(whole.investments.count == 12)
        #expect(whole.entities.first { $0.key == "org:quarry-ventures" }?.mentions.count == 12)
        #expect(windowed == whole)
    }
}
