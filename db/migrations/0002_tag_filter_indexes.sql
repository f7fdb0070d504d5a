DROP INDEX "offer_sectors_sector_slug_index";--> statement-breakpoint
DROP INDEX "offer_topics_topic_slug_index";--> statement-breakpoint
CREATE INDEX "offer_sectors_sector_slug_offer_id_index" ON "offer_sectors" USING btree ("sector_slug","offer_id");--> statement-breakpoint
CREATE INDEX "offer_topics_topic_slug_offer_id_index" ON "offer_topics" USING btree ("topic_slug","offer_id");