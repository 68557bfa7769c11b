import { describe, expect, it } from 'vitest';
import { htmlToText } from './htmlToText.ts';

describe('plain text from HTML', () => {
  it('keeps paragraphs, headings and list items on their own lines, and collapses source whitespace', () => {
    expect(htmlToText('<h1>Title</h1>\n   <p>First   line\nsame line<br>next</p><ul>\n <li>One</li>\n <li>Two</li></ul><p>End</p>')).toBe(
      'Title\n\nFirst line same line\nnext\n\n- One\n- Two\n\nEnd',
    );
  });

  it('writes links as label (url), a bare url once, and drops anchors and images without alt', () => {
    expect(htmlToText('<p><a href="https://x.example/a?b=1&amp;c=2">Shop</a> <a href="https://y.example">https://y.example</a> <a href="#top">Top</a> <img src="s.png"></p>')).toBe(
      'Shop (https://x.example/a?b=1&c=2) https://y.example Top',
    );
    expect(htmlToText('<a href="https://x.example"><img src="logo.png" alt="Logo"></a>')).toBe('Logo (https://x.example)');
    expect(htmlToText('<a href="mailto:help@x.example">write to us</a>')).toBe('write to us (help@x.example)');
  });

  it('reads a link inside a link as a browser does: the first ends where the second starts', () => {
    expect(htmlToText('<p><a href="https://x.example/sale">Sale: <a href="https://x.example/mat">the mat</a> and more</a></p>')).toBe(
      'Sale: (https://x.example/sale) the mat (https://x.example/mat) and more',
    );
    expect(htmlToText('<a href="https://x.example/a">A <a href="https://x.example/b">B</a></a>')).toBe('A (https://x.example/a) B (https://x.example/b)');
  });

  it('drops head, style, script, comments and the hidden preheader, and decodes entities', () => {
    const html = '<html><head><title>T</title><style>p{}</style></head><body><div data-preheader style="display:none">Pre</div><!-- c --><script>x()</script><p>caf&eacute; &amp; th&#233; &#x2014; &lt;b&gt;&nbsp;ok</p></body></html>';
    expect(htmlToText(html)).toBe('café & thé — <b> ok');
  });

  it('decodes every HTML entity, in its letter case, as a browser shows it', () => {
    expect(htmlToText('<p>&laquo;Soldes&raquo; &rarr; &Agrave; bient&ocirc;t &hearts; &frac12; &euro;5</p>')).toBe('«Soldes» → À bientôt ♥ ½ €5');
    // the legacy entities a browser reads without a semicolon, and text that only looks like one
    expect(htmlToText('<p>&copy 2026 AT&T &amp;amp; &#128512;</p>')).toBe('© 2026 AT&T &amp; 😀');
    expect(htmlToText('<a href="https://x.example/?a=1&amp;copy=2">Shop &raquo;</a>')).toBe('Shop » (https://x.example/?a=1&copy=2)');
    // the invisible fillers emails put after a preheader or inside words
    expect(htmlToText('<p>Sale&zwnj;&nbsp;&zwnj; ends soon&shy;ish</p>')).toBe('Sale ends soonish');
  });

  it('separates table cells with spaces and rows with lines', () => {
    expect(htmlToText('<table><tr><td>Mat</td><td>$49</td></tr><tr><td>Socks</td><td>$9</td></tr></table>')).toBe('Mat $49\n\nSocks $9');
  });
});
