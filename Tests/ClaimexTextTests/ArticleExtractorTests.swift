import ClaimexHTML
import ClaimexModel
import ClaimexText
import Foundation
import Testing

@Suite struct ArticleExtractorTests {
    private func article(_ html: String) throws -> Article {
        try ArticleExtractor().article(from: HTMLDocument.parse(Array(html.utf8)))
    }

    /// Blocks as `kind: text` lines, read back through their spans.
    private func dump(_ article: Article) -> [String] {
        let scalars = Array(article.text.unicodeScalars)
        return article.blocks.map { block in
            let text = String(String.UnicodeScalarView(scalars[block.span.start..<block.span.end]))
            return "\(block.kind.rawValue): \(text)"
        }
    }

    private static let paragraph1 = "Lumora Labs, a Berlin-based maker of battery software, said on Tuesday it had raised $40 million in a round led by Quarry Ventures."
    private static let paragraph2 = "The company, founded in 2019, plans to use the money to hire engineers, open an office in Austin and expand its pilot programmes."
    private static let paragraph3 = "\u{201C}We are building the operating system for the grid,\u{201D} said Priya Natarajan, its chief executive, in an interview."

    @Test func aFurnitureNamedContainerHoldingTheNamedBodyIsKept() throws {
        // Class names alone say "sidebar" twice, nested; the body inside is named outright
        // (a class once, itemprop once), so neither container is dropped. The comments box
        // beside it names no body and goes; it holds more text than the article, so the
        // containers are not kept for holding most of the page.
        for body in [#"<div class="story-body">"#, #"<div itemprop="articleBody">"#] {
            let html = """
            <html><body><div class="layout-sidebar"><div class="sidebar-wrap"><span>Menu</span>
            \(body)<p>\(Self.paragraph1)</p><p>\(Self.paragraph2)</p></div></div>
            <div class="comments-sidebar"><p>\(Self.paragraph3)</p><p>\(Self.paragraph3)</p><p>\(Self.paragraph3)</p></div></div></body></html>
            """
            #expect(try dump(article(html)) == ["paragraph: \(Self.paragraph1)", "paragraph: \(Self.paragraph2)"], "\(body)")
        }
    }

    @Test func keepsArticleAndDropsFurniture() throws {
        let html = """
        <html lang="en"><head><title>Lumora raises $40 million | Grid Weekly</title>
        <meta property="og:site_name" content="Grid Weekly"><script>var x = "Lumora raises";</script></head>
        <body><header><nav><a href="/">Home</a> <a href="/login">Sign in</a></nav></header>
        <div class="cookie-banner">We use cookies to improve your experience. Accept all cookies?</div>
        <div class="ad-slot">Advertisement</div>
        <article><h1>Lumora raises $40 million</h1>
        <div class="share-bar"><a href="#">Share on LinkedIn</a> <a href="#">Share on X</a></div>
        <p>\(Self.paragraph1)</p><p>\(Self.paragraph2)</p>
        <aside class="newsletter"><p>Sign up for our newsletter about funding rounds, valuations and deals, every morning.</p></aside>
        <h2>Growth plans</h2><p>\(Self.paragraph3)</p>
        <ul><li>Founded: 2019</li><li>Staff: 85</li></ul></article>
        <div class="related"><h3>Related stories</h3><ul><li><a href="/a">Nimbus Capital in talks to back Ferro, a robotics startup</a></li></ul></div>
        <section id="comments"><p>Great news for the grid, I have been waiting for this investment for a long time!</p></section>
        <footer><p>\u{A9} 2025 Grid Weekly. All rights reserved.</p></footer></body></html>
        """
        let result = try article(html)
        #expect(dump(result) == [
            "heading: Lumora raises $40 million",
            "paragraph: \(Self.paragraph1)",
            "paragraph: \(Self.paragraph2)",
            "heading: Growth plans",
            "paragraph: \(Self.paragraph3)",
            "list_item: Founded: 2019",
            "list_item: Staff: 85",
        ])
        #expect(result.metadata.title == "Lumora raises $40 million")
        #expect(result.metadata.site == "Grid Weekly")
        #expect(result.metadata.lang == "en")
        #expect(result.text.hasPrefix("Lumora raises $40 million\n\n\(Self.paragraph1)\n\n"))
    }

    @Test func breakSeparatedParagraphs() throws {
        let html = """
        <html><body><table><tr><td><a href="/">Home</a> | <a href="/news">News</a></td></tr></table>
        <div class="story">\(Self.paragraph1)<br><br>\(Self.paragraph2)<br>
        <br>\(Self.paragraph3)</div></body></html>
        """
        #expect(dump(try article(html)) == [
            "paragraph: \(Self.paragraph1)",
            "paragraph: \(Self.paragraph2)",
            "paragraph: \(Self.paragraph3)",
        ])
    }

    @Test func tableRowsBecomeBlocksWithCellsJoined() throws {
        let html = """
        <html><body><article><p>\(Self.paragraph1)</p><p>\(Self.paragraph2)</p>
        <table><tr><th>Company</th><th>Round</th><th>Amount</th></tr>
        <tr><td>Lumora Labs</td><td>Series B</td><td>$40 million</td></tr>
        <tr><td>Ferro</td><td>Seed</td><td>\u{20AC}6m</td></tr></table></article></body></html>
        """
        #expect(dump(try article(html)).suffix(3) == [
            "table_row: Company | Round | Amount",
            "table_row: Lumora Labs | Series B | $40 million",
            "table_row: Ferro | Seed | \u{20AC}6m",
        ])
    }

    @Test func brokenMarkupStillReadsRight() throws {
        let html = """
        <html><body><div class=main><p>\(Self.paragraph1)<p>\(Self.paragraph2)</span>
        <ul><li>First point of the story<li>Second point of the story</ul><p>\(Self.paragraph3)
        """
        #expect(dump(try article(html)) == [
            "paragraph: \(Self.paragraph1)",
            "paragraph: \(Self.paragraph2)",
            "list_item: First point of the story",
            "list_item: Second point of the story",
            "paragraph: \(Self.paragraph3)",
        ])
    }

    @Test func jsonLDBodyWhenThePageIsAnAppShell() throws {
        let html = """
        <html><head><script type="application/ld+json">
        {"@context":"https://schema.org","@type":"NewsArticle","headline":"Orbelle closes seed round",
         "datePublished":"2025-03-04T08:00:00Z","author":[{"@type":"Person","name":"Ana Ruiz"}],
         "publisher":{"@type":"Organization","name":"Seed Wire"},
         "articleBody":"Orbelle raised \u{20AC}6 million.\\n\\nThe round was led by Kestrel Partners."}
        </script></head><body><div id="root"></div><script>render()</script></body></html>
        """
        let result = try article(html)
        #expect(dump(result) == [
            "heading: Orbelle closes seed round",
            "paragraph: Orbelle raised \u{20AC}6 million.",
            "paragraph: The round was led by Kestrel Partners.",
        ])
        #expect(result.metadata == ArticleMetadata(title: "Orbelle closes seed round", byline: "Ana Ruiz",
                                                   published: "2025-03-04T08:00:00Z", url: nil, site: "Seed Wire", lang: nil))
    }

    @Test func whitespaceCollapsedInvisibleCharactersDropped() throws {
        let html = "<html><body><article><p>Ben&nbsp;&amp;  Jerry\u{2019}s in\u{AD}vest\u{200B}ment\n\t of \u{20AC}5m was announced on Monday by the company.</p></article></body></html>"
        #expect(try article(html).text == "Ben & Jerry\u{2019}s investment of \u{20AC}5m was announced on Monday by the company.")
    }

    @Test func spansCountUnicodeScalars() throws {
        let html = "<html><body><article><h2>\u{1F4CC} Deals \u{65E5}\u{672C}</h2><p>\u{1F44D}\u{1F3FD} Kestrel invested \u{A5}10 billion in a Tokyo startup this week.</p></article></body></html>"
        let result = try article(html)
        #expect(result.blocks.map(\.span) == [TextSpan(0, 10), TextSpan(12, 73)])
        #expect(result.text.unicodeScalars.count == 73)
    }

    @Test func pageWithoutTextIsAnError() {
        #expect(throws: ArticleError.noText) {
            try article("<html><head><title>Loading</title></head><body><script>app()</script></body></html>")
        }
    }
}

@Suite struct MetadataTests {
    private func metadata(_ head: String, body: String = "") throws -> ArticleMetadata {
        let html = "<html><head>\(head)</head><body>\(body)<article><p>Quarry Ventures led the round, which values the company at about $300 million, people said.</p></article></body></html>"
        return try ArticleExtractor().article(from: HTMLDocument.parse(Array(html.utf8))).metadata
    }

    @Test func titlePrefersJSONLDThenOpenGraphThenH1ThenTitleTag() throws {
        let jsonLD = #"<script type="application/ld+json">{"@type":"NewsArticle","headline":"From JSON-LD"}</script>"#
        let og = #"<meta property="og:title" content="From Open Graph">"#
        let title = "<title>From the title tag | Grid Weekly</title>"
        #expect(try metadata(jsonLD + og + title, body: "<h1>From h1</h1>").title == "From JSON-LD")
        #expect(try metadata(og + title, body: "<h1>From h1</h1>").title == "From Open Graph")
        #expect(try metadata(title, body: "<h1>From h1</h1>").title == "From h1")
        #expect(try metadata(title).title == "From the title tag")
    }

    @Test func publishedDatesBecomeISO8601() throws {
        #expect(try metadata(#"<meta property="article:published_time" content="2024-10-08T09:30:00+08:00">"#).published == "2024-10-08T09:30:00+08:00")
        #expect(try metadata(#"<meta name="date" content="2024/10/08">"#).published == "2024-10-08")
        #expect(try metadata("", body: #"<time datetime="October 8, 2024">Oct 8</time>"#).published == "2024-10-08")
        #expect(try metadata(#"<meta name="pubdate" content="Tue, 08 Oct 2024 09:30:00 GMT">"#).published == "2024-10-08")
    }

    @Test func canonicalSiteBylineAndLanguage() throws {
        let head = """
        <link rel="canonical" href="https://example.com/a"><meta property="og:url" content="https://example.com/b">
        <meta property="og:site_name" content="Grid Weekly"><meta name="author" content="Ana Ruiz">
        <meta property="og:locale" content="en_GB">
        """
        #expect(try metadata(head) == ArticleMetadata(title: nil, byline: "Ana Ruiz", published: nil,
                                                       url: "https://example.com/a", site: "Grid Weekly", lang: "en-GB"))
    }

    @Test func bylineFromMarkupNamesByBylineOrTheWordAuthor() throws {
        #expect(try metadata("", body: #"<p class="Story-BYLINE">By Ana Ruiz</p>"#).byline == "By Ana Ruiz")
        #expect(try metadata("", body: #"<a rel="nofollow author" href="/ana">Ana Ruiz</a>"#).byline == "Ana Ruiz")
        #expect(try metadata("", body: #"<span itemprop="Author">Ana Ruiz</span>"#).byline == "Ana Ruiz")
        // "authors-list" is not the word "author"; meta tags never count as markup bylines.
        #expect(try metadata(#"<meta class="byline" content="x">"#, body: #"<div class="authors-list">Ana Ruiz, Li Wei</div>"#).byline == nil)
    }

    @Test func blankMetaContentIsSkippedAndFurnitureHeadingsIgnored() throws {
        // A blank og:title (spaces, a tab, a no-break space) gives way to the next source;
        // the h1 inside the navigation is not the headline.
        let head = "<meta property=\"og:title\" content=\" \t\u{A0}\"><meta name=\"twitter:title\" content=\"From Twitter\">"
        #expect(try metadata(head).title == "From Twitter")
        #expect(try metadata("", body: "<nav><h1>Site menu</h1></nav><h1>The headline</h1>").title == "The headline")
    }

    @Test func jsonLDWithSpacesAndCommentMarkersAroundIt() throws {
        let jsonLD = "<script type=\"application/ld+json\">\n\u{A0} <!--{\"@type\":\"NewsArticle\",\"headline\":\"Wrapped\",\"author\":{\"name\":\" \"}}--> \n</script>"
        let metadata = try metadata(jsonLD)
        #expect(metadata.title == "Wrapped")
        #expect(metadata.byline == nil)
    }
}

@Suite struct ArticleDeadlineTests {
    @Test func aPassedDeadlineAbandonsTheArticle() throws {
        let html = "<html><body>" + String(repeating: "<div><p>A paragraph of the article that is long enough to count.</p></div>", count: 5000) + "</body></html>"
        let document = try HTMLDocument.parse(Array(html.utf8))
        #expect(throws: ArticleError.abandoned(.overTime(budget: 0, activity: "indexing the page's elements"))) {
            try ArticleExtractor().article(from: document, deadline: Deadline(seconds: 0))
        }
        let stop = StopRequest()
        stop.request()
        #expect(throws: ArticleError.abandoned(.stopped)) {
            try ArticleExtractor().article(from: document, deadline: Deadline(seconds: nil, stop: stop))
        }
        #expect(try ArticleExtractor().article(from: document, deadline: Deadline(seconds: 3600)).blocks.count == 1)
    }
}

/// The parse `ArticleExtractor.parseLimits` asks for leaves out attributes and raw text;
/// every page of the Corpus, and the suites of hostile layouts it holds, must give the
/// same article as with everything kept.
@Suite struct ArticleParseLimitsTests {
    static let corpus = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Corpus")

    @Test func theArticleIsTheSameAsFromTheWholeTree() throws {
        let pages = FileManager.default.enumerator(atPath: Self.corpus.path)?.compactMap { $0 as? String }
            .filter { $0.hasSuffix(".html") }.sorted() ?? []
        #expect(pages.count >= 30)
        for page in pages {
            let bytes = try [UInt8](Data(contentsOf: Self.corpus.appendingPathComponent(page)))
            let whole = try ArticleExtractor().article(from: HTMLDocument.parse(bytes))
            let lean = try ArticleExtractor().article(from: HTMLDocument.parse(bytes, limits: ArticleExtractor.parseLimits(maxDepth: 400)))
            #expect(whole == lean, "\(page)")
        }
    }
}
