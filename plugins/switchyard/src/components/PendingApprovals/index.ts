export { PendingApprovalsBanner, type PendingApprovalsBannerProps } from './PendingApprovalsBanner';
export { usePendingApprovals } from './usePendingApprovals';
