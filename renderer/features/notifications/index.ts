// Public entry of the notifications feature: the top-bar centre and the start-up hook.
export { NotificationCentre } from './notification-centre';
export { startNotifications } from './start-notifications';
