-- Live events shared by every server process and node (platform/events.ts): a process publishes
-- by inserting a row and notifying channel vigil_events in the same statement; every process
-- listening reads the rows newer than the last it delivered, in id order, so all of them number
-- events alike (the id) and one that lost its listening connection catches up from here.
-- Rows are kept for an hour: long enough to catch up, short enough to hold nothing for long.
CREATE TABLE live_events (
  id bigserial PRIMARY KEY,
  type text NOT NULL,
  -- the bus that published it: that process told its own change listeners at once
  origin uuid NOT NULL,
  at timestamptz NOT NULL DEFAULT now(),
  data jsonb NOT NULL
);
CREATE INDEX live_events_at_idx ON live_events (at);
