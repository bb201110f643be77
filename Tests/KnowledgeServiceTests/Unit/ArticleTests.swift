import Foundation
import Testing
@testable import KnowledgeService

@Suite("article format, chunking and point ids")
struct ArticleTests {
    static let sample = """
        ---
        id: kb_900
        title: "Exports: how to"
        category: Features
        keywords: [export, "csv, excel", backup]
        ---
        Lead paragraph about exports.

        ## Export a project

        1. Open **Project → Export** from the menu at the top of the project page.
        2. Choose `CSV` or Excel as the format, and the date range you need.
        3. Click **Export** and wait for the email with the download link.
        4. The link works for seven days; ask for a new export after that.

        ## Notes

        Short.
        """

    @Test func parsesFrontMatterAndBody() throws {
        let article = try ArticleParser.parse(Self.sample)
        #expect(article.id == "kb_900" && article.title == "Exports: how to" && article.category == "features")
        #expect(article.keywords == ["export", "csv, excel", "backup"] && article.language == "en")
        #expect(article.body.hasPrefix("Lead paragraph") && article.body.hasSuffix("Short."))
        #expect(try ArticleParser.parse(ArticleParser.render(article)) == article)
    }

    @Test func acceptsBlockListsAndCRLF() throws {
        let text = "---\r\nid: a-1\r\ntitle: T\r\ncategory: billing\r\nlanguage: ES\r\nkeywords:\r\n  - uno\r\n  - 'dos'\r\n---\r\nCuerpo.\r\n"
        let article = try ArticleParser.parse(text)
        #expect(article.keywords == ["uno", "dos"] && article.language == "es" && article.body.trimmingSpaces == "Cuerpo.")
    }

    @Test func refusesBrokenArticles() {
        let broken = [
            "no front matter", "---\nid: x\ntitle: t\ncategory: c\n", "---\ntitle: t\ncategory: c\n---\nbody",
            "---\nid: bad id\ntitle: t\ncategory: c\n---\nbody", "---\nid: x\ntitle: t\ncategory: c\n---\n   \n",
            "---\nid: x\ntitle: t\ncategory: c\nlanguage: english\n---\nbody", "---\nid: x\ncategory: c\n---\nbody",
        ]
        for text in broken { #expect(throws: ArticleError.self, "\(text.debugDescription)") { try ArticleParser.parse(text) } }
    }

    @Test func chunksByHeadingAndMergesTinySections() throws {
        let chunks = Chunker().chunks(of: try ArticleParser.parse(Self.sample))
        #expect(chunks.map(\.heading) == ["", "Export a project"])
        #expect(chunks[0].markdown == "Lead paragraph about exports.")
        // "Notes" (one word) joins the chunk before it, heading included.
        #expect(chunks[1].markdown.hasSuffix("## Notes\n\nShort.") && chunks.map(\.index) == [0, 1])
        #expect(chunks[1].plainText.hasPrefix("Open Project → Export from the menu") && chunks[1].plainText.contains("Choose CSV or Excel"))
        #expect(!chunks[1].plainText.contains("**") && !chunks[1].plainText.contains("`") && !chunks[1].plainText.contains("1. "))
    }

    @Test func longSectionsOverlap() throws {
        let paragraphs = (1...12).map { index in (1...20).map { "word\(index)x\($0)" }.joined(separator: " ") + "." }
        let article = try Article(id: "long", title: "Long", category: "c", keywords: [], language: "en",
                                  body: "## Section\n\n" + paragraphs.joined(separator: "\n\n") + "\n\n### Sub\n\nTail text here.")
        let chunker = Chunker()
        let chunks = chunker.chunks(of: article)
        #expect(chunks.count >= 2)
        for chunk in chunks { #expect(Chunker.wordCount(chunk.markdown) <= chunker.maximumWords + 10, "\(chunk.index)") }
        for (first, second) in zip(chunks, chunks.dropFirst()) where first.heading == second.heading {
            let lastParagraph = try #require(first.markdown.components(separatedBy: "\n\n").last)
            #expect(second.markdown.hasPrefix(lastParagraph), "chunk \(second.index) does not repeat the end of \(first.index)")
        }
        #expect(chunks.last?.heading == "Section › Sub" || chunks.last?.markdown.contains("Tail text here.") == true)
        let all = chunks.map(\.markdown).joined(separator: " ")
        for paragraph in paragraphs { #expect(all.contains(paragraph)) }
    }

    @Test func theDemoKnowledgeBaseChunksSensibly() throws {
        let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("deploy/demo/kb").path
        let files = try IngestCommand.markdownFiles(in: directory)
        #expect(files.count == 40)
        for file in files {
            let article = try ArticleParser.parse(try String(contentsOfFile: file, encoding: .utf8))
            let chunks = Chunker().chunks(of: article)
            #expect(!chunks.isEmpty && chunks.count <= 12, "\(article.id): \(chunks.count) chunks")
            #expect(chunks.allSatisfy { !$0.plainText.isEmpty && Chunker.wordCount($0.markdown) <= 200 }, "\(article.id)")
            #expect(Chunker().chunks(of: article) == chunks, "chunking is deterministic")
            #expect(ChunkText.contentHash(article).count == 64)
        }
    }

    @Test func pointIDsAreUUIDv5() {
        let dns: [UInt8] = [0x6b, 0xa7, 0xb8, 0x10, 0x9d, 0xad, 0x11, 0xd1, 0x80, 0xb4, 0x00, 0xc0, 0x4f, 0xd4, 0x30, 0xc8]
        #expect(PointID.uuid5("python.org", namespace: dns) == "886313e1-3b8a-5372-9b90-0c9aee199e5d")  // RFC/Python reference
        #expect(PointID.chunk(article: "kb_001", index: 0) == "4c7b710b-bd27-5d3c-801a-4d61b340a517")
        #expect(PointID.chunk(article: "ñ", index: 3) == "b30ebd11-032e-513f-93d1-1828c071af74")
        #expect(PointID.collectionRecord == "900098f5-7414-5794-8e6f-a5fcff3669bf")
    }
}
