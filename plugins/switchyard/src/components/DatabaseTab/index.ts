export { DatabaseTab } from './DatabaseTab';
