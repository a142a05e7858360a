export * from './common.js';
export * from './committee.js';
export * from './topic.js';
export * from './meeting.js';
export * from './ballot.js';
export * from './records.js';
export * from './reminders.js';
