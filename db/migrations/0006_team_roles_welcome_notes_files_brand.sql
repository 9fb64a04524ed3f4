CREATE TABLE `files` (
	`id` text PRIMARY KEY NOT NULL,
	`sha256` text NOT NULL,
	`content_type` text NOT NULL,
	`byte_size` integer NOT NULL,
	`original_name` text NOT NULL,
	`purpose` text NOT NULL,
	`created_by_id` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`created_by_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `files_sha256_idx` ON `files` (`sha256`);--> statement-breakpoint
CREATE TABLE `workspace_settings` (
	`id` text PRIMARY KEY NOT NULL,
	`company_name` text,
	`logo_file_id` text,
	`brand_color` text,
	`email_sender_name` text,
	`updated_at` integer,
	FOREIGN KEY (`logo_file_id`) REFERENCES `files`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
ALTER TABLE `users` ADD `job_title` text;--> statement-breakpoint
ALTER TABLE `users` ADD `phone` text;--> statement-breakpoint
ALTER TABLE `users` ADD `booking_url` text;--> statement-breakpoint
ALTER TABLE `users` ADD `avatar_file_id` text;--> statement-breakpoint
ALTER TABLE `accounts` ADD `logo_file_id` text;--> statement-breakpoint
ALTER TABLE `rooms` ADD `welcome_note` text;--> statement-breakpoint
ALTER TABLE `rooms` ADD `welcome_note_updated_at` integer;--> statement-breakpoint
ALTER TABLE `plan_templates` ADD `welcome_note_ja` text;--> statement-breakpoint
ALTER TABLE `plan_templates` ADD `welcome_note_en` text;--> statement-breakpoint
ALTER TABLE `stakeholders` ADD `team_role` text;--> statement-breakpoint
ALTER TABLE `stakeholders` ADD `phone` text;--> statement-breakpoint
-- Responsibilities that were role codes become team roles ("customer_admin" was the customer's project lead).
UPDATE `stakeholders` SET `team_role` = CASE `responsibility` WHEN 'customer_admin' THEN 'project_lead' ELSE `responsibility` END, `responsibility` = NULL WHERE `responsibility` IN ('sponsor', 'project_lead', 'customer_admin', 'it_admin', 'end_user_lead', 'end_user', 'csm', 'implementation_consultant', 'account_executive', 'executive', 'other');--> statement-breakpoint
UPDATE `stakeholders` SET `team_role` = 'sponsor' WHERE `is_sponsor` = 1 AND `team_role` IS NULL;--> statement-breakpoint
UPDATE `template_tasks` SET `default_role` = 'project_lead' WHERE `default_role` = 'customer_admin';
