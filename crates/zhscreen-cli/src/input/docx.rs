//! The paragraphs of a Word document (`word/document.xml` of a .docx).
//!
//! A paragraph (`<w:p>`) becomes one line of the screened text, so a finding is located by
//! paragraph and character, the way a reviewer finds it in Word. Inside a paragraph the runs'
//! text (`<w:t>`) is joined; `<w:tab/>` is a tab, `<w:br/>` and `<w:cr/>` a line break. Deleted
//! revisions (`<w:delText>`), field codes (`<w:instrText>`) and the legacy fallback copy of text
//! boxes (`<mc:Fallback>`, which repeats the text) are not document text and are left out.

use quick_xml::escape::resolve_predefined_entity;
use quick_xml::events::Event;
use quick_xml::Reader;
use std::io::Read;
use zhscreen::messages::InputProblem;

/// Larger `word/document.xml` parts are refused (a zip bomb is not a document).
const MAX_XML_BYTES: u64 = 256 << 20;

/// The text of a Word document.
#[derive(Debug)]
pub struct DocxText {
    /// The paragraphs, joined by `\n`.
    pub text: String,
    /// Byte offset in `text` where each paragraph starts.
    pub paragraph_starts: Vec<usize>,
}

/// Reads the paragraphs of a .docx file's bytes.
pub fn extract(bytes: &[u8]) -> Result<DocxText, InputProblem> {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes))
        .map_err(|e| InputProblem::DocxZip(e.to_string()))?;
    let mut part = archive
        .by_name("word/document.xml")
        .map_err(|_| InputProblem::DocxNoDocumentXml)?;
    if part.size() > MAX_XML_BYTES {
        return Err(InputProblem::DocxTooLarge {
            mib: part.size() >> 20,
            declared: true,
        });
    }
    let mut xml = String::new();
    part.by_ref()
        .take(MAX_XML_BYTES + 1)
        .read_to_string(&mut xml)
        .map_err(|e| InputProblem::DocxRead(e.to_string()))?;
    if xml.len() as u64 > MAX_XML_BYTES {
        // The zip entry's declared size was a lie: never screen a cut-off document.
        return Err(InputProblem::DocxTooLarge {
            mib: MAX_XML_BYTES >> 20,
            declared: false,
        });
    }
    paragraphs(&xml)
}

/// Extracts the paragraphs of a `word/document.xml`.
pub fn paragraphs(xml: &str) -> Result<DocxText, InputProblem> {
    let mut reader = Reader::from_str(xml);
    let mut text = String::new();
    let mut starts = Vec::new();
    let mut para = String::new();
    // Depth of open paragraphs (a text box puts paragraphs inside a paragraph), and whether an
    // inner one was emitted since the outermost opened.
    let mut depth = 0usize;
    let mut split = false;
    let mut in_text = 0usize;
    let mut in_run = 0usize;
    let mut fallback = 0usize;
    loop {
        let event = reader
            .read_event()
            .map_err(|e| InputProblem::DocxMalformedXml {
                byte: reader.error_position(),
                detail: e.to_string(),
            })?;
        match event {
            Event::Start(e) => match e.name().as_ref() {
                b"mc:Fallback" => fallback += 1,
                _ if fallback > 0 => {}
                b"w:p" => {
                    if depth == 0 {
                        split = false;
                    } else if !para.is_empty() {
                        // A paragraph inside a paragraph (a text box): split.
                        finish(&mut para, &mut text, &mut starts);
                        split = true;
                    }
                    depth += 1;
                }
                b"w:r" => in_run += 1,
                b"w:t" => in_text += 1,
                b"w:tab" if in_run > 0 => para.push('\t'),
                b"w:br" | b"w:cr" if in_run > 0 => para.push('\n'),
                _ => {}
            },
            Event::Empty(e) => match e.name().as_ref() {
                _ if fallback > 0 => {}
                b"w:p" => finish(&mut para, &mut text, &mut starts),
                b"w:tab" if in_run > 0 => para.push('\t'),
                b"w:br" | b"w:cr" if in_run > 0 => para.push('\n'),
                b"w:noBreakHyphen" if in_run > 0 => para.push('-'),
                _ => {}
            },
            Event::End(e) => match e.name().as_ref() {
                b"mc:Fallback" => fallback = fallback.saturating_sub(1),
                _ if fallback > 0 => {}
                b"w:p" => {
                    if depth > 1 && !para.is_empty() {
                        finish(&mut para, &mut text, &mut starts);
                        split = true;
                    } else if depth == 1 && (!para.is_empty() || !split) {
                        finish(&mut para, &mut text, &mut starts);
                    }
                    depth = depth.saturating_sub(1);
                }
                b"w:r" => in_run = in_run.saturating_sub(1),
                b"w:t" => in_text = in_text.saturating_sub(1),
                _ => {}
            },
            Event::Text(t) if in_text > 0 && fallback == 0 => {
                let s = t
                    .xml10_content()
                    .map_err(|e| InputProblem::DocxMalformedXml {
                        byte: reader.buffer_position(),
                        detail: e.to_string(),
                    })?;
                push_text(&mut para, &s);
            }
            Event::CData(t) if in_text > 0 && fallback == 0 => {
                push_text(&mut para, &String::from_utf8_lossy(&t));
            }
            Event::GeneralRef(r) if in_text > 0 && fallback == 0 => {
                if let Some(c) =
                    r.resolve_char_ref()
                        .map_err(|e| InputProblem::DocxMalformedXml {
                            byte: reader.buffer_position(),
                            detail: e.to_string(),
                        })?
                {
                    push_text(&mut para, c.encode_utf8(&mut [0; 4]));
                } else {
                    let name = r.decode().map_err(|e| InputProblem::DocxMalformedXml {
                        byte: reader.buffer_position(),
                        detail: e.to_string(),
                    })?;
                    match resolve_predefined_entity(&name) {
                        Some(s) => para.push_str(s),
                        None => {
                            return Err(InputProblem::DocxUnknownEntity {
                                name: name.into_owned(),
                                byte: reader.buffer_position(),
                            })
                        }
                    }
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    if !para.is_empty() {
        finish(&mut para, &mut text, &mut starts);
    }
    if starts.is_empty() {
        starts.push(0);
    }
    Ok(DocxText {
        text,
        paragraph_starts: starts,
    })
}

/// Appends the content of a `<w:t>`. Word shows a line feed or carriage return written inside
/// the text of a run as a space (a line break is `<w:br/>`), so it is one here: a paragraph
/// holds no line break that Word does not show, and a term split by one is still found.
fn push_text(para: &mut String, s: &str) {
    para.extend(
        s.chars()
            .map(|c| if matches!(c, '\n' | '\r') { ' ' } else { c }),
    );
}

fn finish(para: &mut String, text: &mut String, starts: &mut Vec<usize>) {
    if !starts.is_empty() {
        text.push('\n');
    }
    starts.push(text.len());
    text.push_str(para);
    para.clear();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_runs_tabs_and_breaks() {
        let xml = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:mc="x">
<w:body>
<w:p><w:pPr><w:tabs><w:tab w:val="left" w:pos="420"/></w:tabs></w:pPr><w:r><w:t>关于</w:t></w:r><w:r><w:t xml:space="preserve">做好 </w:t></w:r><w:r><w:tab/><w:t>工作&amp;通知</w:t></w:r></w:p>
<w:p/>
<w:p><w:r><w:t>第一行</w:t><w:br/><w:t>再接再&#21169;</w:t></w:r><w:del><w:r><w:delText>删除的内部资料</w:delText></w:r></w:del></w:p>
<w:p><w:r><mc:AlternateContent><mc:Choice><w:txbxContent><w:p><w:r><w:t>文本框</w:t></w:r></w:p></w:txbxContent></mc:Choice><mc:Fallback><w:txbxContent><w:p><w:r><w:t>文本框</w:t></w:r></w:p></w:txbxContent></mc:Fallback></mc:AlternateContent></w:r></w:p>
<w:p><w:r><w:t>前</w:t></w:r><w:r><w:txbxContent><w:p><w:r><w:t>框内</w:t></w:r></w:p></w:txbxContent></w:r><w:r><w:t>后</w:t></w:r></w:p>
</w:body></w:document>"#;
        let d = paragraphs(xml).unwrap();
        assert_eq!(
            d.text,
            "关于做好 \t工作&通知\n\n第一行\n再接再励\n文本框\n前\n框内\n后"
        );
        assert_eq!(d.paragraph_starts.len(), 7);
        assert_eq!(
            &d.text[d.paragraph_starts[2]..d.paragraph_starts[3] - 1],
            "第一行\n再接再励"
        );
    }

    #[test]
    fn a_line_feed_inside_a_run_is_a_space() {
        // Word shows it as a space; a term written across it is still one term.
        let d = paragraphs("<w:p><w:r><w:t>再接\n再&#10;励</w:t></w:r><w:r><w:t><![CDATA[内部\r\n资料]]></w:t></w:r></w:p>").unwrap();
        assert_eq!(d.text, "再接 再 励内部  资料");
        assert_eq!(d.paragraph_starts, [0]);
    }

    #[test]
    fn malformed_xml_is_an_error() {
        assert!(paragraphs("<w:p><w:t>a</w:p>").is_err());
        assert!(extract(b"PK\x03\x04 not really").is_err());
    }
}
