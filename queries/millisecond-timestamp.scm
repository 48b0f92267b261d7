; Expressions whose value is a JavaScript millisecond timestamp. Matched against a
; payload value only (never the whole tree); the rule keeps a match only when the
; captured @ms node is the value itself, so `Math.floor(Date.now() / 1000)` is not one.

; Date.now(), Date.parse(s), Date.UTC(…)
((call_expression
   function: (member_expression
     object: (identifier) @_date
     property: (property_identifier) @_method)) @ms
 (#eq? @_date "Date")
 (#any-of? @_method "now" "parse" "UTC"))

; d.getTime(), new Date(…).getTime()
((call_expression
   function: (member_expression
     property: (property_identifier) @_method)
   ) @ms
 (#eq? @_method "getTime"))

; new Date().valueOf(), dayjs().valueOf(), moment(x).valueOf()
((call_expression
   function: (member_expression
     object: [(new_expression constructor: (identifier) @_ctor)
              (call_expression function: (identifier) @_ctor)]
     property: (property_identifier) @_method)
   ) @ms
 (#any-of? @_ctor "Date" "dayjs" "moment")
 (#eq? @_method "valueOf"))

; +new Date(), +new Date(x)
((unary_expression
   operator: "+"
   argument: (new_expression constructor: (identifier) @_ctor)) @ms
 (#eq? @_ctor "Date"))

; Number(new Date())
((call_expression
   function: (identifier) @_number
   arguments: (arguments . (new_expression constructor: (identifier) @_ctor) .)) @ms
 (#eq? @_number "Number")
 (#eq? @_ctor "Date"))

; performance.timeOrigin + performance.now() is rare enough to leave out.
