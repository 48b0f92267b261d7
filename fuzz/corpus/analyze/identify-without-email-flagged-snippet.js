// Browser: the classic snippet, created_at without email.
export function identifyAfterSignup(user) {
  _cio.identify({ id: user.id, created_at: user.createdAtUnix, plan: user.plan });
  //            ^ identify-without-email
}
