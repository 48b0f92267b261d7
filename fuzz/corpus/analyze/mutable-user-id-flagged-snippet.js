// Browser: the classic snippet's id is the person id.
export function identifyVisitor(form) {
  const email = form.elements.email.value;
  window._cio.identify({ id: email, email, created_at: Math.floor(Date.now() / 1000) });
  //                         ^ mutable-user-id
}
