// Browser snippet after the signup form.
const form = document.querySelector('#signup');

form.addEventListener('submit', () => {
  const email = form.elements.email.value;
  _cio.track(`signup_form_${email}`, { page: location.pathname });
  //         ^ pii-in-event-name
});
