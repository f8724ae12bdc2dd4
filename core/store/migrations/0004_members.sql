-- Reserved for the members schema, written in this development cycle.
SELECT 1;
