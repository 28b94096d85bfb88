import assert from 'node:assert/strict';
import { test } from 'node:test';
import { html } from './html.js';

test('html escapes interpolated text and attributes, keeps nested html, drops null/false', () => {
  const name = `<script>alert("x")</script>&'`;
  const out = html`<p title="${name}">${name}${html`<b>${1}</b>`}${null}${false}${['a', html`<i>b</i>`]}</p>`;
  assert.equal(
    out.value,
    '<p title="&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;&#39;">' +
      '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;&#39;<b>1</b>a<i>b</i></p>',
  );
});
