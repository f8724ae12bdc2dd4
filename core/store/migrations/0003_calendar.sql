-- Reserved for the calendar schema, written in this development cycle.
SELECT 1;
