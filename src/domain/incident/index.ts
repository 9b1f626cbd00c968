export * from './confirmation';
export * from './evaluate';
export * from './priority-names';
export * from './snapshot';
export * from './state';
export * from './timeline';
export * from './messages';
export * from './actions';
