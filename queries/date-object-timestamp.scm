; Expressions whose value is a Date object or an ISO date string. Matched against the
; value of a `*_at` / `timestamp` key of a Track API payload only.

; new Date(), new Date(x)
((new_expression constructor: (identifier) @_ctor) @date
 (#eq? @_ctor "Date"))

; d.toISOString(), d.toJSON(), dayjs().toDate(), moment().toDate()
((call_expression
   function: (member_expression property: (property_identifier) @_method)
   ) @date
 (#any-of? @_method "toISOString" "toJSON" "toDate" "toUTCString"))

; date-fns functions that return a Date
((call_expression function: (identifier) @_fn) @date
 (#match? @_fn "^(add|sub|startOf|endOf|set|parse|toDate|fromUnixTime|lastDayOf|next|previous)[A-Za-z]*$")
 (#not-match? @_fn "^(parseInt|parseFloat|setTimeout|setInterval|setImmediate)$"))
