// The tracking page's live view (an ES module, no build): every few seconds it fetches the session's figures from
// the JSON beside the page (<page>/state) and shows them as the server wrote them, until the order has ended.
const EVERY_MS = 3000;
const source = location.pathname.replace(/\/+$/, '') + '/state';

function show(view) {
  for (const [id, text] of Object.entries(view.text)) {
    const element = document.getElementById(id);
    if (element) {
      element.textContent = text;
    }
  }
  document.body.dataset.state = view.state;
  document.getElementById('ended').hidden = !view.ended;
  document.getElementById('live').hidden = view.ended;
}

async function refresh() {
  try {
    const answer = await fetch(source, { cache: 'no-store', headers: { Accept: 'application/json' } });
    if (answer.ok) {
      const view = await answer.json();
      show(view);
      if (view.ended) {
        return; // tracking ended: nothing will change any more
      }
    }
  } catch (e) {
    // the network was away for a moment: try again at the next tick
  }
  setTimeout(refresh, EVERY_MS);
}

if (document.body.dataset.ended !== 'true') {
  setTimeout(refresh, EVERY_MS);
}
