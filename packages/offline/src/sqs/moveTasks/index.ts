export {
  MessageMoveTasks,
  MAX_MESSAGES_PER_SECOND,
  type MoveTaskStatus,
  type MessageMoveTasksOptions,
} from './MessageMoveTasks';
export { sqsWithMoveTasks, type SqsMoveTaskRoute } from './sqsWithMoveTasks';
