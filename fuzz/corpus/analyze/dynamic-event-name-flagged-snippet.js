// Browser: classic snippet and the Data Pipelines global.
document.querySelectorAll('[data-section]').forEach((el) => {
  el.addEventListener('click', () => {
    const section = el.getAttribute('data-section');
    _cio.track(`opened_${section}`, { path: location.pathname });
    //         ^ dynamic-event-name
  });
});

function onCtaClick(button) {
  window.cioanalytics.track('cta_' + button.id, { label: button.textContent });
  //                        ^ dynamic-event-name
}
